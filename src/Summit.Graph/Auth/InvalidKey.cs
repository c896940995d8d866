using System.Security.Claims;
using GraphQL;

namespace Summit.Graph.Auth;

/// <summary>
/// The answer to a key that is not live (unknown, revoked, malformed): <see cref="Code"/> with HTTP 401 and
/// <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750), for reads and mutations alike, so a client
/// is told its key is wrong instead of being served as anonymous or told it sent none.
/// </summary>
public static class InvalidKey
{
    public const string Code = "AUTH_INVALID_KEY";

    public const string Challenge = "Bearer error=\"invalid_token\", error_description=\"The key is unknown, revoked or malformed.\"";

    public static bool SentInvalidKey(this ClaimsPrincipal? user) =>
        user?.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.InvalidKeyClaim) == true;

    /// <summary>The error every transport answers with; HTTP sends it with status 401 and <see cref="Challenge"/>.</summary>
    public static ExecutionError Error() =>
        new("The key sent is not valid: it is unknown, revoked or malformed. Send a live key, or none to read published content.") { Code = Code };

    /// <summary>Answers an HTTP request (any transport, before anything runs) with 401, the challenge and <see cref="Error"/> in <paramref name="mediaType"/>.</summary>
    public static async Task RefuseAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = Challenge;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [Error()] }, http.RequestAborted);
    }
}
