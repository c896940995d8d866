using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. No header, an unknown or a revoked key: anonymous, so reads of
/// published content keep working and mutations are refused as unauthenticated.
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
            holder = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted)
                : null;
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            // Uncaught this was a 500. Anonymous, marked so a mutation is refused as DATABASE_UNAVAILABLE, not as a bad key.
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(KeyUncheckedClaim, "database unavailable")])), SchemeName));
        }

        if (holder is null)
        {
            return AuthenticateResult.NoResult();
        }

        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(holder), SchemeName));
    }

    /// <summary>The user a key stands for; WebSocket connections authenticate with it from their init message.</summary>
    public static ClaimsPrincipal PrincipalOf(KeyHolder holder) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, holder.Name), new Claim(ClaimTypes.Role, holder.Role.ToString())], SchemeName));
}
