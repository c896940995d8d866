using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Http;

/// <summary>
/// Parsed documents that have passed the specification's validation rules once, by query text and operation
/// name. Front ends send the same few documents over and over; parsing them and running the ~25 standard
/// rules took about a tenth of the schedule's CPU in a profile, and gives the same answer every time, since
/// the schema never changes while the server runs. What depends on the request still runs for every
/// execution: variable values, the editor check of mutations, the operation limits (whose cost depends on
/// <c>first</c>/<c>last</c> variables) and rate limits. Bounded by <c>GraphQL:DocumentCacheCharacters</c> of query text.
/// </summary>
public sealed class ValidatedDocuments(IOptions<GraphQLHttpOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.DocumentCacheCharacters });

    public bool TryGet(string query, string? operationName, out GraphQLDocument? document) =>
        cache.TryGetValue(new Key(query, operationName), out document);

    /// <summary>
    /// Keeps a document whose execution passed every validation rule. One longer than the whole limit is not
    /// kept: the cache refuses an entry larger than its size limit.
    /// </summary>
    public void Remember(string query, string? operationName, GraphQLDocument document) =>
        cache.Set(new Key(query, operationName), document, new MemoryCacheEntryOptions { Size = query.Length, SlidingExpiration = TimeSpan.FromHours(1) });

    public void Dispose() => cache.Dispose();

    private sealed record Key(string Query, string? OperationName);
}
