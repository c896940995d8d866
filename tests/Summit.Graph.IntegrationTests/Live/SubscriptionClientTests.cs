using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Live;

/// <summary>
/// Subscriptions through the real npm clients: graphql-sse, graphql-ws (graphql-transport-ws) and subscriptions-transport-ws
/// (the older graphql-ws sub-protocol, which also carries the query and the mutation).
/// </summary>
[Collection(RunningServerCollection.Name)]
public sealed class SubscriptionClientTests(RunningServer server)
{
    [Fact]
    public async Task SseAndBothWebSocketProtocolsHearOfAnEditMadeOverTheOlderProtocol()
    {
        var run = await NodeScript.RunAsync("live.mjs", TimeSpan.FromMinutes(2), server.Origin, RunningServer.EditorKey);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        var events = JsonNode.Parse(run.Output)!;
        var session = events["sse"]!["data"]!["onSessionChanged"]!;
        Assert.Equal("hotplug", session["slug"]!.GetValue<string>());
        Assert.StartsWith("Introducing Volume Hotplug in KubeVirt (edit ", session["session"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var programme = events["ws"]!["data"]!["onProgrammeChanged"]!;
        Assert.Equal("kubevirt-summit-2021", programme["eventSlug"]!.GetValue<string>());
        Assert.Equal(["hotplug"], programme["sessionSlugs"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("KubeVirt Summit 2021", programme["event"]!["name"]!.GetValue<string>());
        var legacy = events["legacy"]!;
        Assert.Equal("KubeVirt Summit 2021", legacy["query"]!["data"]!["event"]!["name"]!.GetValue<string>());
        Assert.Null(legacy["mutation"]!["data"]!["updateSession"]!["errors"]);
        Assert.StartsWith("Introducing Volume Hotplug in KubeVirt (edit ", legacy["mutation"]!["data"]!["updateSession"]!["session"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("hotplug", legacy["event"]!["data"]!["onSessionChanged"]!["slug"]!.GetValue<string>());
        Assert.StartsWith("Introducing Volume Hotplug in KubeVirt (edit ", legacy["event"]!["data"]!["onSessionChanged"]!["session"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AUTH_INVALID_KEY", legacy["refusal"]!["extensions"]!["code"]!.GetValue<string>());
    }
}
