using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. No header: anonymous, so reads of published content keep working and
/// mutations are refused as unauthenticated. A header without a live key (unknown, revoked, malformed, another
/// scheme): an anonymous user marked with <see cref="InvalidKeyClaim"/>, whom every transport refuses with
/// <see cref="InvalidKey.Code"/> rather than serving silently as anonymous.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>On an anonymous user whose key could not be checked because the database is unavailable.</summary>
    public const string KeyUncheckedClaim = "summit:key-unchecked";

    /// <summary>On an anonymous user who sent a key that is not live.</summary>
    public const string InvalidKeyClaim = "summit:key-invalid";

    /// <summary>The hex SHA-256 of the key a user authenticated with, to check it again per operation and event.</summary>
    public const string KeyHashClaim = "summit:key-hash";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        KeyHolder? holder;
        try
        {
            holder = await FindAsync(keys, header, Context.RequestAborted);
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            // Uncaught this was a 500. Anonymous, marked so a mutation is refused as DATABASE_UNAVAILABLE, not as a bad key.
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(KeyUncheckedClaim, "database unavailable")])), SchemeName));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(
            holder is null ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(InvalidKeyClaim, "not a live key")])) : PrincipalOf(holder),
            SchemeName));
    }

    /// <summary>The holder of the key in an <c>Authorization</c> value (<c>Bearer &lt;key&gt;</c>); null for anything else.</summary>
    public static async Task<KeyHolder?> FindAsync(ApiKeyService keys, string authorization, CancellationToken cancellationToken) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await keys.FindAsync(authorization["Bearer ".Length..].Trim(), cancellationToken)
            : null;

    /// <summary>The user a key stands for; WebSocket connections authenticate with it from their init message.</summary>
    public static ClaimsPrincipal PrincipalOf(KeyHolder holder) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, holder.Name), new Claim(ClaimTypes.Role, holder.Role.ToString()), new Claim(KeyHashClaim, holder.Hash)],
            SchemeName));
}
