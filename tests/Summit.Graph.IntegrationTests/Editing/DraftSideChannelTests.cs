using System.Net;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// Nothing anonymous readers can observe tells that a draft exists or changed: not lists, counts or names (a slot
/// made for a draft, its track, the person and link only the draft shows), not ETags, not the calendar feed, not
/// live events or their content versions, over GET, POST, SSE and WebSocket. Editors and previewers see it all,
/// and a public change is still seen at once.
/// </summary>
public sealed class DraftSideChannelTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Observed = """
        {
          days { slots { startsAt endsAt track sessions { slug } } }
          slots(first: 50) { totalCount nodes { startsAt track } }
          withTrack: slots(where: { track: { eq: "Secret Track" } }) { totalCount }
          sessions(first: 50) { totalCount }
          presenters(first: 50) { totalCount nodes { slug company } }
          event { version name links { url } }
        }
        """;

    private const string Programme = "subscription { onProgrammeChanged { eventSlug contentVersion sessionSlugs } }";
    private const string FeedPath = "/events/kubevirt-summit-2021/calendar.ics";

    private SummitServer Server => editing.Server;

    [Fact]
    public async Task DraftOnlyEditsLeaveEverythingAnonymousReadersObserveUnchanged()
    {
        using var client = Server.CreateClient();
        using var sse = await SseStream.OpenAsync(client, "/graphql/stream", Programme);
        using var socket = await GraphQLWebSocket.InitialisedAsync(Server.Server);
        await socket.SubscribeAsync("programme", Programme);
        await RetitleAsync("hotplug", "Volume hotplug, public edit one");
        var firstSse = (await sse.NextAsync(GraphQLWebSocket.Deadline))?["data"]?["onProgrammeChanged"];
        var firstWs = (await socket.ReceiveForAsync("programme"))["payload"]!["data"]!["onProgrammeChanged"];
        var before = await ObserveAsync(etag: null);
        var feed = await client.GetStringAsync(FeedPath);

        var slotId = await MakeDraftOnlyEditsAsync();

        var revalidated = await ObserveAsync(before.ETag);
        var after = await ObserveAsync(etag: null);
        var feedAfter = await client.GetStringAsync(FeedPath);
        var previewer = await Server.QueryAsync(Observed, bearerKey: editing.PreviewerKey);
        const string SlotNode = "query($id: ID!) { node(id: $id) { id } }";
        var anonymousSlot = await Server.QueryAsync(SlotNode, new { id = slotId });
        var previewerSlot = await Server.QueryAsync(SlotNode, new { id = slotId }, editing.PreviewerKey);
        await RetitleAsync("hotplug", "Volume hotplug, public edit two");
        var nextSse = (await sse.NextAsync(GraphQLWebSocket.Deadline))?["data"]?["onProgrammeChanged"];
        var nextWs = (await socket.ReceiveForAsync("programme"))["payload"]!["data"]!["onProgrammeChanged"];
        var changed = await ObserveAsync(before.ETag);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(feed, feedAfter);
        Assert.Equal(1, previewer["withTrack"].Number("totalCount"));
        Assert.Equal(("null", slotId), (anonymousSlot["node"].AsJson(), previewerSlot["node"].Text("id")));
        Assert.Contains("hush-person", previewer["presenters"].AsJson(), StringComparison.Ordinal);
        // The next event anonymous subscribers hear of is the public edit, counted as the next public version.
        var expected = $$"""{"eventSlug":"kubevirt-summit-2021","contentVersion":{{firstSse.Number("contentVersion") + 1}},"sessionSlugs":["hotplug"]}""";
        Assert.Equal((expected, expected), (nextSse.AsJson(), nextWs.AsJson()));
        Assert.Equal(firstSse.AsJson(), firstWs.AsJson());
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.NotEqual(before.ETag, changed.ETag);
    }

    /// <summary>A slot on a track of its own for a new draft, with a person and a link only the draft shows, each edited again.</summary>
    /// <returns>The slot's ID.</returns>
    private async Task<string> MakeDraftOnlyEditsAsync()
    {
        var editor = editing.Editor;
        var day = (await editor.EventAsync())["days"]![0]!;
        var startsAt = DateTime.Parse(day.Text("startsAt"), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
        var slot = await editor.SucceedAsync("addSlot", new { dayId = day.Text("id"), startsAt, endsAt = startsAt.AddMinutes(30), track = "Secret Track" }, "slot { id }");
        var slotId = slot["slot"].Text("id");
        var sessionId = await EveryMutation.CreateSessionAsync(editor, "Hush Draft");
        await editor.SucceedAsync("scheduleSession", new { id = sessionId, version = 1, slotId });
        var person = await editor.SucceedAsync("createPresenter", new { name = "Hush Person" }, "presenter { id }");
        var presenterId = person["presenter"].Text("id");
        await editor.SucceedAsync("addSessionPresenter", new { sessionId, version = 2, presenterId });
        await editor.SucceedAsync("updatePresenter", new { id = presenterId, version = 1, company = "Hush Inc." });
        await editor.SucceedAsync("addLink", new { sessionId, kind = "SLIDES", url = "https://hush.example/slides" });
        await editor.SucceedAsync("updateSession", new { id = sessionId, version = 4, title = "Hush Draft, retitled" });
        await editor.SucceedAsync("resizeSlot", new { id = slotId, version = 1, endsAt = startsAt.AddMinutes(45) });
        return slotId;
    }

    private async Task RetitleAsync(string slug, string title)
    {
        var session = await editing.Editor.SessionAsync(slug);
        await editing.Editor.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title });
    }

    private async Task<(HttpStatusCode Status, string? ETag, string Body)> ObserveAsync(string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(Observed)}");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        var response = await Server.SendAsync(request, "application/json");
        Assert.True(response.Status == HttpStatusCode.NotModified || response.Errors is null, response.Body);
        var post = await Server.QueryAsync(Observed);
        Assert.True(response.Status == HttpStatusCode.NotModified || JsonNode.DeepEquals(post, response.Data), "POST and GET agree");
        return (response.Status, response.Headers.ETag?.ToString(), response.Body);
    }
}
