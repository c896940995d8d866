using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>
/// Fields whose work grows with their input carry it in the cost model: <c>renderMarkdown</c> a point per
/// character of its Markdown (literal or a variable), filters, orders and ID lists a point per value. Checked
/// against a low <c>GraphQL:Limits:MaxComplexity</c>, so the tests count points, not milliseconds.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class InputCostTests(SummitServer server)
{
    private const string EditorKey = "input-cost-test-editor-key";
    private const int MaxComplexity = 2_000;

    [Fact]
    public async Task RenderMarkdownCostsAPointPerCharacterWhetherLiteralOrAVariable()
    {
        using var strict = Strict();
        using var client = strict.CreateClient();
        var within = string.Concat(Enumerable.Repeat("*a* ", (MaxComplexity - 10) / 4));
        var beyond = within + new string('x', 20);

        var fits = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = within });
        var variable = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = beyond });
        var literal = await SendAsync(client, $"{{ renderMarkdown(markdown: \"{beyond}\") }}");
        var aliases = await SendAsync(client, "query($m: String!) { a: renderMarkdown(markdown: $m) b: renderMarkdown(markdown: $m) }", new { m = within[..(within.Length * 2 / 3)] });

        Assert.True(fits?["errors"] is null, fits?.ToJsonString());
        Assert.Equal("LIMIT_COMPLEXITY", Code(variable));
        Assert.Equal("LIMIT_COMPLEXITY", Code(literal));
        Assert.Equal("LIMIT_COMPLEXITY", Code(aliases));
    }

    [Fact]
    public async Task AnonymousCallersRenderAtMostTheirLengthAndKeysTheFullAbstract()
    {
        using var configured = server.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:BootstrapEditorKey", EditorKey)
            .UseSetting("GraphQL:Limits:AnonymousMarkdownMaxLength", "100")
            // Past 20,000 characters the cost alone would refuse the preview first.
            .UseSetting("GraphQL:Limits:MaxComplexity", "100000"));
        using var client = configured.CreateClient();
        var markdown = new string('a', 101);

        var anonymous = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = markdown });
        var keyed = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = markdown }, EditorKey);
        var short_ = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = markdown[..100] });
        var tooLong = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = new string('a', 20_001) }, EditorKey);

        Assert.Equal("MARKDOWN_TOO_LONG", Code(anonymous));
        Assert.Contains("GraphQL:Limits:AnonymousMarkdownMaxLength", anonymous!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"<p>{markdown}</p>", keyed!["data"]!["renderMarkdown"]!.GetValue<string>());
        Assert.Null(short_!["errors"]);
        Assert.Equal("MARKDOWN_TOO_LONG", Code(tooLong));
    }

    [Fact]
    public async Task APreviewOfTheLargestAbstractFitsTheDefaultLimits()
    {
        using var configured = server.WithWebHostBuilder(builder => builder.UseSetting("Auth:BootstrapEditorKey", EditorKey));
        using var client = configured.CreateClient();

        var preview = await SendAsync(client, "query($m: String!) { renderMarkdown(markdown: $m) }", new { m = new string('a', 20_000) }, EditorKey);

        Assert.True(preview?["errors"] is null, preview?["errors"]?.ToJsonString());
    }

    [Fact]
    public async Task LargeAnonymousPreviewsCountAsExpensiveQueries()
    {
        using var configured = server.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimits:ExpensiveQueryComplexity", "500")
            .UseSetting("RateLimits:ExpensiveQueriesPerSecond", "1")
            .UseSetting("RateLimits:ExpensiveQueryBurst", "1"));
        using var client = configured.CreateClient();
        const string Preview = "query($m: String!) { renderMarkdown(markdown: $m) }";

        using var first = await client.SendAsync(Requests.Post(Preview, new { m = new string('a', 600) }));
        using var second = await client.SendAsync(Requests.Post(Preview, new { m = new string('b', 600) }));
        using var small = await client.SendAsync(Requests.Post(Preview, new { m = new string('c', 100) }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("LIMIT_RATE", await Requests.FirstErrorCodeAsync(second));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task PreviewsNeedAKeyWhenTheAnonymousLengthIsZero()
    {
        using var configured = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:Limits:AnonymousMarkdownMaxLength", "0"));
        using var client = configured.CreateClient();

        var anonymous = await SendAsync(client, "{ renderMarkdown(markdown: \"a\") }");

        Assert.Equal("MARKDOWN_TOO_LONG", Code(anonymous));
    }

    /// <summary>Every root field that takes a list or an input object: each value in it is a point, so a huge filter is refused before any SQL.</summary>
    [Theory]
    [InlineData("sessions(where: { slug: { in: $values } }) { nodes { slug } }")]
    [InlineData("presenters(where: { slug: { in: $values } }) { nodes { slug } }")]
    [InlineData("events(where: { slug: { in: $values } }) { nodes { slug } }")]
    [InlineData("slots(where: { track: { in: $values } }) { nodes { id } }")]
    [InlineData("nodes(ids: $values) { id }")]
    public async Task FiltersAndIdListsCostAPointPerValue(string selection)
    {
        using var strict = Strict();
        using var client = strict.CreateClient();
        var type = selection.StartsWith("nodes", StringComparison.Ordinal) ? "[ID!]!" : "[String!]";
        var query = $"query($values: {type}) {{ {selection} }}";

        var small = await SendAsync(client, query, new { values = Values(5) });
        var huge = await SendAsync(client, query, new { values = Values(MaxComplexity) });

        Assert.NotEqual("LIMIT_COMPLEXITY", Code(small));
        Assert.Equal("LIMIT_COMPLEXITY", Code(huge));
        Assert.Equal("Query", (await SendAsync(client, "{ __typename }"))!["data"]!["__typename"]!.GetValue<string>());
    }

    /// <summary>A low cost limit, and input bounds lifted above it, so that the cost is what refuses large inputs.</summary>
    private WebApplicationFactory<Program> Strict() => server.WithWebHostBuilder(builder => builder
        .UseSetting("Auth:BootstrapEditorKey", EditorKey)
        .UseSetting("GraphQL:Limits:MaxInputListLength", "100000")
        .UseSetting("GraphQL:Limits:MaxInputValues", "100000")
        .UseSetting("GraphQL:Limits:MaxComplexity", MaxComplexity.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("GraphQL:Limits:AnonymousMarkdownMaxLength", "20000"));

    private static string[] Values(int count) => [.. Enumerable.Range(1, count).Select(i => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Session:{i}")))];

    private static async Task<JsonNode?> SendAsync(HttpClient client, string query, object? variables = null, string? key = null)
    {
        using var response = await client.SendAsync(Requests.Post(query, variables, key));
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string? Code(JsonNode? response) => response?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
