using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Summit.Graph.Live;

namespace Summit.Graph.Http;

/// <summary>
/// HTTP caching of anonymous GET queries. The ETag is the public content token (changed by every committed change
/// anonymous readers can see, on every instance, and by no change only drafts show: see
/// <see cref="ContentChangeNotifier.ContentTokenAsync"/>) and a hash of what was asked, so a revalidation is
/// answered with 304 before anything executes, any public change invalidates every ETag at once, and an ETag
/// never tells that a draft changed.
/// Requests with credentials are never stored by shared caches.
/// </summary>
public sealed class HttpCaching(ContentChangeNotifier changes, IOptions<GraphQLHttpOptions> options)
{
    public static void MarkPrivateWhenAuthorized(HttpContext http)
    {
        if (IsAuthorized(http.Request))
        {
            http.Response.Headers.CacheControl = "private, no-store";
        }
    }

    /// <summary>The ETag a cacheable GET's response gets, or null when the response must not be cached.</summary>
    public async ValueTask<string?> ValidatorAsync(HttpContext http, PreparedOperation prepared, string mediaType)
    {
        if (IsAuthorized(http.Request) || prepared.Error is not null)
        {
            return null;
        }

        var request = http.Request.Query;
        var asked = string.Join('\n', mediaType, prepared.Query, request["operationName"], request["variables"]);
        return $"\"{await changes.ContentTokenAsync(includeDrafts: false)}-{PersistedDocuments.Hash(asked)[..32]}\"";
    }

    /// <summary>Answers 304 when the client's copy carries <paramref name="etag"/>.</summary>
    public bool IsNotModified(HttpContext http, string etag)
    {
        var match = http.Request.GetTypedHeaders().IfNoneMatch;
        if (!match.Any(m => m.Tag.Equals(etag) || m.Equals(EntityTagHeaderValue.Any)))
        {
            return false;
        }

        MarkCacheable(http, etag);
        http.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }

    public void MarkCacheable(HttpContext http, string etag)
    {
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = $"public, max-age={options.Value.CacheMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        headers.Vary = "Accept, Authorization";
    }

    private static bool IsAuthorized(HttpRequest request) => !string.IsNullOrEmpty(request.Headers.Authorization);
}
