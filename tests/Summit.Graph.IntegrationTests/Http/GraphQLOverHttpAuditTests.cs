using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Http;

/// <summary>The GraphQL-over-HTTP audit suite of the npm package graphql-http (1.23.1), against the real server.</summary>
[Collection(RunningServerCollection.Name)]
public sealed class GraphQLOverHttpAuditTests(RunningServer server)
{
    [Fact]
    public async Task ServerPassesEveryMustAndShouldAudit()
    {
        var run = await NodeScript.RunAsync("audit.mjs", TimeSpan.FromMinutes(1), server.Endpoint);
        await File.WriteAllTextAsync(NodeScript.ArtefactPath("graphql-http-audit.txt"), run.Output + run.Error);

        Assert.True(run.ExitCode == 0, $"A MUST audit failed:\n{run.Output}\n{run.Error}");
        var summary = JsonNode.Parse(run.Output.TrimEnd().Split('\n')[^1])!;
        Assert.True(summary["problems"]!.AsArray().Count == 0, $"Audits that did not pass:\n{run.Output}");
        Assert.True(summary["counts"]!["ok"]!.GetValue<int>() >= 60, run.Output);
    }
}
