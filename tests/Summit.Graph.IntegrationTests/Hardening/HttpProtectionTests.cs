using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>CORS per origin, security headers on every response, and HTTPS redirection with HSTS when enabled.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class HttpProtectionTests(SummitServer server)
{
    private const string EditorOrigin = "https://editor.example";

    [Fact]
    public async Task AnyOriginMayQueryButNotSendAKey()
    {
        using var client = server.CreateClient();

        using var read = await client.SendAsync(Preflight("https://front.example", "content-type"));
        using var withKey = await client.SendAsync(Preflight("https://front.example", "authorization,content-type"));

        Assert.Equal("*", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", read.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.False(withKey.Headers.TryGetValues("Access-Control-Allow-Headers", out var allowed)
            && allowed.Any(h => h.Contains("authorization", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task EditOriginsMaySendAKeyAndReadOriginsCanBeRestricted()
    {
        using var configured = server.WithWebHostBuilder(builder => builder
            .UseSetting("Cors:EditOrigins:0", EditorOrigin)
            .UseSetting("Cors:ReadOrigins:0", "https://front.example"));
        using var client = configured.CreateClient();

        using var editor = await client.SendAsync(Preflight(EditorOrigin, "authorization,content-type"));
        using var front = await client.SendAsync(Preflight("https://front.example", "content-type"));
        using var stranger = await client.SendAsync(Preflight("https://elsewhere.example", "content-type"));

        Assert.Equal(EditorOrigin, editor.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", editor.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://front.example", front.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/graphql?query={__typename}")]
    [InlineData("/health/live")]
    [InlineData("/graphql/schema.graphql")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var client = server.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task HttpsIsLeftToTheProxyByDefault()
    {
        using var client = server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://summit.example"), AllowAutoRedirect = false });
        using var plain = server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://summit.example"), AllowAutoRedirect = false });

        using var secure = await client.GetAsync("/health/live");
        using var insecure = await plain.GetAsync("/health/live");

        Assert.False(secure.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, insecure.StatusCode);
    }

    [Fact]
    public async Task WithHttpsEnabledPlainRequestsAreRedirectedAndSecureOnesGetHsts()
    {
        using var https = server.WithWebHostBuilder(builder => builder.UseSetting("Https:Enabled", "true").UseSetting("Https:Port", "443"));
        using var client = https.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://summit.example"), AllowAutoRedirect = false });
        using var plain = https.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://summit.example"), AllowAutoRedirect = false });

        using var secure = await client.GetAsync("/health/live");
        using var insecure = await plain.GetAsync("/health/live");

        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.TemporaryRedirect, insecure.StatusCode);
        Assert.Equal(new Uri("https://summit.example/health/live"), insecure.Headers.Location);
    }

    private static HttpRequestMessage Preflight(string origin, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
