using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Summit.Graph.Auth;
using Summit.Graph.Limits;
using Summit.Graph.Live;
using Summit.Graph.Telemetry;

namespace Summit.Graph.Http;

/// <summary>Section <c>ResponseCache</c>: the serialised answers of queries, kept for one content version.</summary>
public sealed class ResponseCacheOptions
{
    public const string Section = "ResponseCache";

    /// <summary>Serves repeated queries from memory; off, every request is parsed, validated and executed (for debugging and measuring).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bytes the kept answers may hold, each counted as its body, its ETag and a fixed overhead for its entry and key.</summary>
    public long SizeLimitBytes { get; set; } = 64_000_000;

    /// <summary>The largest answer kept, in bytes of JSON: one large answer cannot push out many small ones.</summary>
    public long MaxEntryBytes { get; set; } = 1_000_000;
}

/// <summary>Marks root fields whose answers the response cache must not keep.</summary>
public static class ResponseCacheFields
{
    public const string ReadsOperationalStateKey = "summit:reads-operational-state";

    /// <summary>
    /// Marks a root field that reads state other than content (webhooks, their deliveries): no content version follows
    /// it, so an answer holding the field is never kept by the <see cref="ResponseCache"/>.
    /// </summary>
    public static FieldType ReadsOperationalState(this FieldType field)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.Metadata[ReadsOperationalStateKey] = true;
        return field;
    }
}

/// <summary>A kept answer: the JSON body exactly as it was sent, and the ETag of an anonymous GET (null otherwise).</summary>
public sealed record CachedResponse(byte[] Body, string? ETag);

/// <summary>
/// The serialised answers of queries that succeeded, so that a repeated request is answered without parsing, validating
/// or executing anything. A key is the SHA-256 of who asks (anonymous, or which API key, and whether drafts are visible
/// to them), the content token of what they can see (<see cref="ContentChangeNotifier.ContentTokenAsync"/>, the validator
/// ETags carry), and the request: a POST's body bytes as sent (looked up before they are parsed; a batch's items also
/// each by their own bytes), a GET's parameters as the request reader reads them plus the negotiated media type (its
/// ETag depends on it). Equal bytes are equal requests; a request that differs in any byte, white space or key order
/// included, is another key with an answer of its own. Any committed change, on any instance or the command line,
/// changes the token, so the old answers are no longer found; they leave as the size bound
/// (<see cref="ResponseCacheOptions.SizeLimitBytes"/>) pushes out the least recently used.
/// Never kept: mutations, subscriptions, answers with errors, and requests that ask for per-request work
/// (<c>GraphQL-Cost</c>) or for a fresh answer (<c>Cache-Control: no-cache</c>, or <c>no-store</c>, which also keeps
/// the fresh answer out of the cache). A hit counts against no rate limit: it costs no more than a static file.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    /// <summary>What an entry costs beside its body: the entry, its options, the 64-character key and the ETag's slot.</summary>
    private const int EntryOverheadBytes = 400;

    private readonly ContentChangeNotifier changes;
    private readonly ResponseCacheOptions options;
    private readonly MemoryCache cache;

    public ResponseCache(ContentChangeNotifier changes, IOptions<ResponseCacheOptions> options)
    {
        this.changes = changes;
        this.options = options.Value;
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, this.options.SizeLimitBytes), TrackStatistics = true });
    }

    /// <summary>The bytes the cache counts as held now (bounded by <see cref="ResponseCacheOptions.SizeLimitBytes"/>).</summary>
    public long EstimatedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The key of a POST by its body's bytes (a request object or a batch), or null when its answer is not to be kept or served.</summary>
    public async ValueTask<string?> KeyAsync(HttpContext http, ReadOnlyMemory<byte> body) =>
        Applies(http) ? Hash(await PrefixAsync(http, "POST"), body.Span) : null;

    /// <summary>The key of an item of a batch, by its bytes as sent: the same as the key of a POST of that item alone.</summary>
    public async ValueTask<string?> KeyAsync(HttpContext http, JsonElement item) =>
        Applies(http) ? Hash(await PrefixAsync(http, "POST"), JsonMarshal.GetRawUtf8Value(item)) : null;

    /// <summary>The key of a GET, whose ETag depends on <paramref name="mediaType"/>; null when its answer is not to be kept or served.</summary>
    public async ValueTask<string?> KeyAsync(HttpContext http, IQueryCollection query, string mediaType)
    {
        if (!Applies(http))
        {
            return null;
        }

        // The parameters GraphQLRequestReader reads, as it reads them (several values of one name joined by commas).
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(mediaType);
            foreach (var name in (string[])["query", "documentId", "id", "operationName", "variables", "extensions"])
            {
                writer.WriteStringValue(query[name].ToString());
            }

            writer.WriteEndArray();
        }

        return Hash(await PrefixAsync(http, "GET"), buffer.WrittenSpan);
    }

    /// <summary>The kept answer of <paramref name="key"/>, counted as a hit or a miss.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out CachedResponse? response)
    {
        var found = cache.TryGetValue(key, out response);
        GraphQLTelemetry.CountResponseCacheLookup(found);
        return found;
    }

    /// <summary>
    /// Whether the answer of <paramref name="prepared"/> may be kept: a query that executed without any error and read
    /// no root field marked <see cref="ResponseCacheFields.ReadsOperationalState"/> (the executed fields are looked at,
    /// so a fragment or an alias cannot hide one).
    /// </summary>
    public static bool IsStorable(PreparedOperation prepared, global::GraphQL.ExecutionResult result) =>
        prepared is { Error: null, Type: GraphQLParser.AST.OperationType.Query } && result is { Executed: true, Errors: null }
        && !(result.Data is global::GraphQL.Execution.ObjectExecutionNode { SubFields: { } fields }
            && fields.Any(field => field.FieldDefinition?.GetMetadata(ResponseCacheFields.ReadsOperationalStateKey, false) == true));

    /// <summary>Keeps <paramref name="body"/> under <paramref name="key"/>, unless the request asked not to or it is larger than <see cref="ResponseCacheOptions.MaxEntryBytes"/>.</summary>
    public void Store(HttpContext http, string key, byte[] body, string? etag)
    {
        if (body.Length > options.MaxEntryBytes || RequestDirectives(http.Request).NoStore)
        {
            return;
        }

        cache.Set(key, new CachedResponse(body, etag), new MemoryCacheEntryOptions
        {
            Size = body.Length + (2L * (etag?.Length ?? 0)) + EntryOverheadBytes,
        });
    }

    public void Dispose() => cache.Dispose();

    private bool Applies(HttpContext http)
    {
        if (!options.Enabled || CostReport.Requested(http) is not null)
        {
            return false;
        }

        var (noCache, noStore) = RequestDirectives(http.Request);
        return !noCache && !noStore;
    }

    private static (bool NoCache, bool NoStore) RequestDirectives(HttpRequest request) =>
        request.Headers.CacheControl.Count == 0 || !CacheControlHeaderValue.TryParse(request.Headers.CacheControl.ToString(), out var directives)
            ? (false, false)
            : (directives.NoCache, directives.NoStore);

    /// <summary>
    /// Who asks (anonymous, or the very key: roles differ in what they may read, editors' webhooks for one, so no two
    /// keys share an answer) and the content token of what they may see. Read before the operation runs: an answer is kept under the
    /// token it was asked under, so a change committed meanwhile can only make a newer answer sit under an older token,
    /// never an older answer under a newer one.
    /// </summary>
    private async ValueTask<string> PrefixAsync(HttpContext http, string method)
    {
        var user = http.User;
        var includeDrafts = user.CanReadDrafts();
        var token = await changes.ContentTokenAsync(includeDrafts);
        var who = user.Identity?.IsAuthenticated == true ? $"key {user.FindFirst(ApiKeyAuthenticationHandler.KeyHashClaim)?.Value}" : "anonymous";
        return $"{who}\n{(includeDrafts ? "drafts" : "public")}\n{token}\n{method}\n";
    }

    private static string Hash(string prefix, ReadOnlySpan<byte> request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(prefix));
        hash.AppendData(request);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
