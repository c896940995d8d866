using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var holder = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted)
            : null;
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
