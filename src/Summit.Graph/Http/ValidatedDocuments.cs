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
/// <c>first</c>/<c>last</c> variables) and rate limits. Bounded by <c>GraphQL:DocumentCacheBytes</c>, each entry
/// counted as its text (the key) and the bytes its parse allocated (the syntax tree, whose nodes point into the text).
/// </summary>
public sealed class ValidatedDocuments(IOptions<GraphQLHttpOptions> options) : IDisposable
{
    /// <summary>What an entry costs beside its text and tree: the entry, its options, the key and the dictionary slot.</summary>
    private const int EntryOverheadBytes = 300;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.DocumentCacheBytes, TrackStatistics = true });

    /// <summary>The bytes the cache counts as held now (an estimate that <c>GraphQL:DocumentCacheBytes</c> bounds).</summary>
    public long EstimatedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public bool TryGet(string query, string? operationName, out GraphQLDocument? document) =>
        cache.TryGetValue(new Key(query, operationName), out document);

    /// <summary>
    /// Keeps a document whose execution passed every validation rule; <paramref name="treeBytes"/> is what parsing it
    /// allocated. One larger than the whole limit is not kept: the cache refuses an entry larger than its size limit.
    /// </summary>
    public void Remember(string query, string? operationName, GraphQLDocument document, long treeBytes) =>
        cache.Set(new Key(query, operationName), document, new MemoryCacheEntryOptions
        {
            Size = (2L * (query.Length + (operationName?.Length ?? 0))) + treeBytes + EntryOverheadBytes,
            SlidingExpiration = TimeSpan.FromHours(1),
        });

    public void Dispose() => cache.Dispose();

    private sealed record Key(string Query, string? OperationName);
}
