using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Http;

/// <summary>
/// Turns a request into the document text to run: its own <c>query</c>, a trusted document named by
/// <c>documentId</c> (<c>sha256:&lt;hex&gt;</c> of a file in <c>schema/operations/</c>), or an automatic persisted
/// query (<c>extensions.persistedQuery.sha256Hash</c>, Apollo's protocol, kept in a size-bounded cache).
/// </summary>
public sealed class PersistedDocuments : IDisposable
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string HashMismatchCode = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string UnknownDocumentCode = "PERSISTED_DOCUMENT_NOT_FOUND";
    public const string TrustedOnlyCode = "TRUSTED_DOCUMENTS_ONLY";
    public const string InvalidCode = "PERSISTED_QUERY_INVALID";
    private const string ResourcePrefix = "Summit.Graph.Operations.";
    private const string HashPrefix = "sha256:";

    /// <summary>What a cache entry costs beside its strings: the entry, its options and the dictionary slot.</summary>
    private const int EntryOverheadBytes = 200;

    private readonly FrozenDictionary<string, string> trusted;
    private readonly MemoryCache automatic;
    private readonly bool trustedOnly;

    public PersistedDocuments(IOptions<GraphQLHttpOptions> options)
    {
        trusted = LoadTrustedDocuments().ToFrozenDictionary(d => d.Hash, d => d.Text, StringComparer.OrdinalIgnoreCase);
        // Size is counted in bytes of query text and key, so the cache holds a bounded amount of memory.
        automatic = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.PersistedQueryCacheBytes, TrackStatistics = true });
        trustedOnly = options.Value.TrustedDocumentsOnly;
    }

    /// <summary>The text of every trusted document (the files of <c>schema/operations</c>), as <c>documentId</c> requests run it.</summary>
    public IEnumerable<string> TrustedTexts => trusted.Values;

    /// <summary>The bytes the automatic persisted queries are counted as holding now (bounded by <c>GraphQL:PersistedQueryCacheBytes</c>).</summary>
    public long EstimatedBytes => automatic.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The document text the request asks to run, or the error that answers it instead.</summary>
    public (string? Query, ExecutionError? Error) Resolve(GraphQLRequest request)
    {
        if (request.DocumentId is { } documentId)
        {
            if (request.Query is not null)
            {
                return (null, RequestErrors.Create(RequestErrors.Invalid, "Send either 'documentId' or 'query', not both."));
            }

            // Any string that is not a known ID, however long or strange, gets the same answer; only its start is echoed.
            // "sha256:<hex>" (the spec's draft), or the bare hash as HotChocolate's clients send it.
            var hash = documentId.StartsWith(HashPrefix, StringComparison.Ordinal) ? documentId[HashPrefix.Length..] : documentId;
            return trusted.TryGetValue(hash, out var text)
                ? (text, null)
                : (null, new ExecutionError($"No trusted document has the ID '{Shorten(documentId)}'; IDs are the SHA-256 of a file in schema/operations, with or without 'sha256:' before it.") { Code = UnknownDocumentCode });
        }

        if (request.Extensions?.TryGetValue("persistedQuery", out var persisted) == true)
        {
            return ResolveAutomatic(request.Query, persisted);
        }

        if (trustedOnly && (request.Query is null || !trusted.ContainsKey(Hash(request.Query))))
        {
            return (null, new ExecutionError("This server runs trusted documents only: send a 'documentId' of schema/operations.") { Code = TrustedOnlyCode });
        }

        return (request.Query, null);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose() => automatic.Dispose();

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private (string? Query, ExecutionError? Error) ResolveAutomatic(string? query, object? persisted)
    {
        // Apollo's protocol: version 1 is the only one. Any other JSON value (a string, 1e30, an object) is refused
        // by its type, never converted: conversions throw for some of them.
        if (persisted is not IDictionary<string, object?> fields
            || !fields.TryGetValue("version", out var version) || version is not (1 or 1L)
            || !fields.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash || hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            return (null, new ExecutionError("'extensions.persistedQuery' needs 'version': 1 and a 'sha256Hash' of 64 hex digits.") { Code = InvalidCode });
        }

        hash = hash.ToLowerInvariant();
        if (trusted.TryGetValue(hash, out var trustedText))
        {
            return (trustedText, null);
        }

        if (trustedOnly)
        {
            return (null, new ExecutionError("This server runs trusted documents only; automatic persisted queries are off.") { Code = TrustedOnlyCode });
        }

        if (query is null)
        {
            return automatic.TryGetValue(hash, out string? cached)
                ? (cached, null)
                : (null, new ExecutionError("PersistedQueryNotFound") { Code = NotFoundCode });
        }

        if (Hash(query) != hash)
        {
            return (null, new ExecutionError("The query's SHA-256 is not 'extensions.persistedQuery.sha256Hash'.") { Code = HashMismatchCode });
        }

        automatic.Set(hash, query, new MemoryCacheEntryOptions { Size = 2L * (query.Length + hash.Length) + EntryOverheadBytes, SlidingExpiration = TimeSpan.FromHours(12) });
        return (query, null);
    }

    /// <summary>The files of schema/operations, embedded at build time; hashed with LF line ends whatever the checkout uses.</summary>
    private static IEnumerable<(string Hash, string Text)> LoadTrustedDocuments()
    {
        var assembly = typeof(PersistedDocuments).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd().ReplaceLineEndings("\n");
            yield return (Hash(text), text);
        }
    }
}
