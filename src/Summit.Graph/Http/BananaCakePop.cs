using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Http;

/// <summary>
/// Banana Cake Pop, the GraphQL IDE, for browsers that open <c>/graphql</c>. Its static build is copied
/// into the output's <c>ide/</c> folder by the build (from the npm package pinned in <c>Ide/</c>) and is
/// served from there with its <c>bcp-config.json</c> pointing at this server: nothing comes from the internet.
/// </summary>
public sealed class BananaCakePop(IOptions<GraphQLHttpOptions> options)
{
    public const string Route = "/graphql";

    /// <summary>
    /// The page may load from and talk to this origin only. The IDE needs 'unsafe-eval' (its JSON-schema
    /// validator compiles functions), inline styles and blob workers; nothing else is allowed.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "ide");

    public bool Enabled { get; } = options.Value.EnableIde && File.Exists(Path.Combine(Folder, "index.html"));

    /// <summary>A browser navigating to the endpoint: asks for HTML and sends no GraphQL request.</summary>
    public bool Wants(HttpRequest request) =>
        Enabled
        && !request.Query.ContainsKey("query") && !request.Query.ContainsKey("documentId") && !request.Query.ContainsKey("extensions")
        && request.GetTypedHeaders().Accept.Any(a => string.Equals(a.MediaType.Value, "text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>index.html with a base URL, so its relative asset paths resolve below <c>/graphql/</c>.</summary>
    public async Task ServePageAsync(HttpContext http)
    {
        var page = await File.ReadAllTextAsync(Path.Combine(Folder, "index.html"), http.RequestAborted);
        var baseUrl = $"{http.Request.PathBase}{Route}/";
        page = page.Replace("<head>", $"<head><base href=\"{System.Net.WebUtility.HtmlEncode(baseUrl)}\"/>", StringComparison.Ordinal);
        AddSecurityHeaders(http.Response);
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(page, http.RequestAborted);
    }

    public void Map(WebApplication app)
    {
        if (!Enabled)
        {
            if (options.Value.EnableIde)
            {
                app.Logger.LogWarning("GraphQL:EnableIde is on but {Folder} holds no IDE build; build the project with npm available.", Folder);
            }

            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Folder),
            RequestPath = Route,
            ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".webmanifest"] = "application/manifest+json" } },
            // The folder holds the IDE build only; its LICENSE has no extension and is served as text.
            ServeUnknownFileTypes = true,
            DefaultContentType = "text/plain; charset=utf-8",
            OnPrepareResponse = file => AddSecurityHeaders(file.Context.Response),
        });
        app.MapGet($"{Route}/bcp-config.json", (HttpContext http) =>
        {
            AddSecurityHeaders(http.Response);
            return Results.Json(new
            {
                endpoint = $"{http.Request.PathBase}{Route}",
                useBrowserUrlAsEndpoint = false,
                title = "Summit.Graph",
                useGet = false,
            }, JsonSerializerOptions.Web);
        });
    }

    /// <summary>What the IDE's pages add to the headers every response carries (see <c>HttpProtection</c>).</summary>
    private static void AddSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
