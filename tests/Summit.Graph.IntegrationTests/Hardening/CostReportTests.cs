using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>
/// Cost as HotChocolate 16 states it: <c>GraphQL-Cost: report</c> adds <c>extensions.operationCost</c>
/// (<c>fieldCost</c>, <c>typeCost</c>), <c>validate</c> answers the cost without executing; the reported field cost is
/// the number <c>GraphQL:Limits:MaxComplexity</c> is compared with, and a client computes it from the SDL alone.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class CostReportTests(SummitServer server)
{
    /// <summary>Five sessions, each loading its presenters: 10 (sessions) + 1 (nodes) + 5 × 10 (presenters).</summary>
    private const string FivePages = "{ sessions(first: 5) { nodes { title presenters { name } } } }";

    public static TheoryData<string, string> TrustedDocuments() => new()
    {
        { "Schedule.graphql", """{"event":"kubevirt-summit-2021"}""" },
        { "SessionPage.graphql", """{"slug":"hotplug"}""" },
        { "Presenters.graphql", "{}" },
        { "Search.graphql", """{"text":"kubevirt"}""" },
    };

    [Fact]
    public async Task ReportAddsTheOperationCostToTheAnswer()
    {
        using var client = server.CreateClient();

        var answer = await SendAsync(client, FivePages, "report");

        Assert.Equal(5, answer!["data"]!["sessions"]!["nodes"]!.AsArray().Count);
        // Type cost: Query 1, the connection 1, five sessions each with up to five presenters (5 × 6).
        Assert.Equal("""{"fieldCost":61,"typeCost":32}""", answer["extensions"]!["operationCost"]!.ToJsonString());
    }

    [Fact]
    public async Task ValidateAnswersTheCostWithoutRunningTheOperation()
    {
        using var client = server.CreateClient();
        using var request = Requests.Post(FivePages);
        request.Headers.Add("GraphQL-Cost", "validate");
        request.Headers.Accept.ParseAdd("application/graphql-response+json");

        using var response = await client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"extensions":{"operationCost":{"fieldCost":61,"typeCost":32}}}""", answer.ToJsonString());
    }

    [Fact]
    public async Task WithoutTheHeaderTheAnswerHasNoCost()
    {
        using var client = server.CreateClient();

        var answer = await SendAsync(client, FivePages, header: null);

        Assert.Null(answer!["extensions"]);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, "LIMIT_COMPLEXITY")]
    public async Task TheReportedCostIsWhatTheLimitComparesAgainst(int margin, string? code)
    {
        using var measuring = server.CreateClient();
        var cost = (await SendAsync(measuring, FivePages, "report"))!["extensions"]!["operationCost"]!["fieldCost"]!.GetValue<double>();
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:Limits:MaxComplexity", (cost + margin).ToString(CultureInfo.InvariantCulture)));
        using var client = limited.CreateClient();

        var answer = await SendAsync(client, FivePages, "report");

        Assert.Equal(code, answer!["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(cost, answer["extensions"]!["operationCost"]!["fieldCost"]!.GetValue<double>());
        if (code is not null)
        {
            Assert.Contains($"estimated cost is {cost:N0}", answer["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TrustedDocuments))]
    public async Task ClientsComputeEachTrustedDocumentsCostFromTheSdlAlone(string file, string variables)
    {
        var calculator = new SdlCostCalculator(await File.ReadAllTextAsync(RepositoryFiles.PathOf(Path.Combine("schema", "summit.graphql"))));
        var document = await File.ReadAllTextAsync(RepositoryFiles.PathOf(Path.Combine("schema", "operations", file)));
        var given = JsonNode.Parse(variables)!.AsObject();
        using var client = server.CreateClient();

        var (fieldCost, typeCost) = calculator.Measure(document, given);
        var answer = await SendAsync(client, document, "validate", given);

        Assert.Equal(fieldCost, answer!["extensions"]!["operationCost"]!["fieldCost"]!.GetValue<double>());
        Assert.Equal(typeCost, answer["extensions"]!["operationCost"]!["typeCost"]!.GetValue<double>());
    }

    private static async Task<JsonNode?> SendAsync(HttpClient client, string query, string? header, JsonObject? variables = null)
    {
        using var request = Requests.Post(query, variables);
        if (header is not null)
        {
            request.Headers.Add("GraphQL-Cost", header);
        }

        using var response = await client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }
}
