using System.Net;
using Microsoft.AspNetCore.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Serving;

[Collection(SummitServerCollection.Name)]
public sealed class IdePageTests(SummitServer server)
{
    [Fact]
    public async Task BrowsersGetBananaCakePopWithSecurityHeaders()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var page = await client.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        var config = await client.GetStringAsync("/graphql/bcp-config.json");
        using var licence = await client.GetAsync("/graphql/LICENSE");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<base href=\"/graphql/\"/>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("\"endpoint\":\"/graphql\"", config, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, licence.StatusCode);
    }

    [Fact]
    public async Task TheSwitchTurnsTheIdeOff()
    {
        using var production = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:EnableIde", "false"));
        using var client = production.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
