using System.Security.Claims;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Auth;

public static class Roles
{
    public static bool CanWrite(this ClaimsPrincipal? user) => user?.IsInRole(nameof(ApiKeyRole.Editor)) == true;

    public static bool CanReadDrafts(this ClaimsPrincipal? user) =>
        user is not null && (user.IsInRole(nameof(ApiKeyRole.Editor)) || user.IsInRole(nameof(ApiKeyRole.Previewer)));

    public static string AuthorName(this ClaimsPrincipal? user) => user?.Identity?.Name ?? "anonymous";
}
