using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Schema;

/// <summary>
/// A front end typed for HotChocolate 16 (<c>Node/frontend</c>): graphql-codegen (typescript and typescript-operations,
/// <c>strictScalars</c>, HotChocolate's scalar map) generates its types from <c>schema/summit.graphql</c>, <c>tsc</c>
/// compiles it, and it runs against the live server: typed variables of every filter and sort input kind, the Schedule
/// document requested by its persisted <c>id</c>, and one subscription over each WebSocket protocol with its npm client.
/// </summary>
[Collection(RunningServerCollection.Name)]
public sealed class TypedFrontEndTests(RunningServer server)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheTypedFrontEndCompilesAndRunsAgainstTheServer()
    {
        await GenerateTypesAsync();
        var compile = await NodeScript.RunAsync("node_modules/typescript/bin/tsc", ToolTimeout, "-p", "frontend/tsconfig.json");
        Assert.True(compile.ExitCode == 0, $"tsc:\n{compile.Output}\n{compile.Error}");

        var run = await NodeScript.RunAsync("frontend/dist/app.js", TimeSpan.FromMinutes(2), server.Origin, RunningServer.EditorKey);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        var result = JsonNode.Parse(run.OutputLines[^1])!;
        Assert.True(result["sessions"]!.GetValue<int>() > 0, run.Output);
        Assert.Equal(result["requestedIds"]!.AsArray().Select(Text).Order(), result["byId"]!.AsArray().Select(Text).Order());
        Assert.Equal(["2021-02-09"], result["days"]!.AsArray().Select(Text));
        Assert.Equal("14:00:00", result["events"]![0]!["dailyStart"]!.GetValue<string>());
        Assert.Equal("kubevirt-summit-2021", result["schedule"]!["event"]!.GetValue<string>());
        Assert.Equal(2, result["schedule"]!["days"]!.GetValue<int>());
        Assert.Equal("Presenter David Vossel", Text(result["search"]![0]));
        Assert.EndsWith("(typed)", result["retitled"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("kubevirt-summit-2021", result["modern"]!["eventSlug"]!.GetValue<string>());
        Assert.Equal("kubevirt-summit-2021", result["legacy"]!["eventSlug"]!.GetValue<string>());
    }

    /// <summary>The types check something: the schema's refusals are compile errors.</summary>
    [Fact]
    public async Task TheGeneratedTypesRefuseWhatTheSchemaRefuses()
    {
        await GenerateTypesAsync();

        var compile = await NodeScript.RunAsync("node_modules/typescript/bin/tsc", ToolTimeout, "-p", "frontend/refused/tsconfig.json");

        Assert.NotEqual(0, compile.ExitCode);
        Assert.Contains("'abstract' does not exist in type 'SessionFilterInput'", compile.Output, StringComparison.Ordinal);
        Assert.Contains("Type '\"UP\"' is not assignable", compile.Output, StringComparison.Ordinal);
        Assert.Contains("Type 'number' is not assignable to type 'string'", compile.Output, StringComparison.Ordinal);
    }

    private static async Task GenerateTypesAsync()
    {
        var generate = await NodeScript.RunAsync("node_modules/@graphql-codegen/cli/esm/bin.js", ToolTimeout, "--config", "frontend/codegen.json");
        Assert.True(generate.ExitCode == 0, $"graphql-codegen:\n{generate.Output}\n{generate.Error}");
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
