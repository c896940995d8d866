using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Schema;

/// <summary>
/// graphql-js's <c>getIntrospectionQuery</c> with every option (what HotChocolate 16 answers and IDEs and code
/// generators send), against the real server: it answers 200, and the schema built from the answer is the SDL file.
/// </summary>
[Collection(RunningServerCollection.Name)]
public sealed class IntrospectionTests(RunningServer server)
{
    [Fact]
    public async Task IntrospectionWithEveryOptionDescribesTheSchemaFile()
    {
        var run = await NodeScript.RunAsync("introspection.mjs", TimeSpan.FromMinutes(1), server.Endpoint, RepositoryFiles.PathOf("schema/summit.graphql"));

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        var result = JsonNode.Parse(run.Output.TrimEnd().Split('\n')[^1])!;
        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal(
            [
                "DateTime https://scalars.graphql.org/chillicream/date-time.html",
                "LocalDate https://scalars.graphql.org/andimarek/local-date.html",
                "LocalTime https://scalars.graphql.org/chillicream/local-time.html",
            ],
            result["specifiedByURLs"]!.AsArray().Select(url => url!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.StartsWith("Summit.Graph", result["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
