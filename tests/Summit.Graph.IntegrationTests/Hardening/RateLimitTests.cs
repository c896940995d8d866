using System.Net;
using Microsoft.AspNetCore.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

[Collection(SummitServerCollection.Name)]
public sealed class RateLimitTests(SummitServer server)
{
    private const string EditorKey = "rate-limit-test-editor-key";

    /// <summary>A valid mutation on a session that does not exist: it runs and changes nothing.</summary>
    private const string Mutation = """mutation { updateSession(input: { id: "U2Vzc2lvbjo5OTk5OQ==", version: 1, title: "x" }) { errors { __typename } } }""";

    [Fact]
    public async Task MutationsOverTheRateGet429WithRetryAfter()
    {
        using var strict = server.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:BootstrapEditorKey", EditorKey)
            .UseSetting("RateLimits:MutationsPerSecond", "1")
            .UseSetting("RateLimits:MutationBurst", "2"));
        using var client = strict.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await client.SendAsync(Requests.Post(Mutation, bearerKey: EditorKey));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("LIMIT_RATE", await Requests.FirstErrorCodeAsync(limited));
        limited.Dispose();
    }

    [Fact]
    public async Task OnlyExpensiveAnonymousQueriesCountAgainstTheirRate()
    {
        using var strict = server.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:BootstrapEditorKey", EditorKey)
            .UseSetting("RateLimits:ExpensiveQueryComplexity", "100")
            .UseSetting("RateLimits:ExpensiveQueriesPerSecond", "1")
            .UseSetting("RateLimits:ExpensiveQueryBurst", "1"));
        using var client = strict.CreateClient();
        // Fifty sessions each loading their presenters: 10 + 1 + 50 × 10 = 511 points; a page of columns costs 11.
        const string Expensive = "{ sessions(first: 50) { nodes { title presenters { name } } } }";
        const string AnotherExpensive = "{ sessions(first: 49) { nodes { title presenters { name } } } }";

        using var first = await client.SendAsync(Requests.Post(Expensive));
        using var second = await client.SendAsync(Requests.Post(AnotherExpensive));
        using var cheap = await client.SendAsync(Requests.Post("{ sessions(first: 2) { nodes { title } } }"));
        using var withKey = await client.SendAsync(Requests.Post(AnotherExpensive, bearerKey: EditorKey));
        // The first answer again comes from the response cache, which costs nothing and so counts against no rate.
        using var repeated = await client.SendAsync(Requests.Post(Expensive));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, cheap.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
    }
}
