using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// A draft session, the person only it names and its links are invisible to anonymous readers in every list,
/// connection, filter, count and node lookup; editor and previewer keys see them; publishing shows them.
/// </summary>
public sealed class DraftVisibilityTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Everything = """
        {
          sessions(first: 50) { totalCount nodes { slug links { url } presenters { slug } } }
          byTitle: sessions(where: { title: { contains: "Secret" } }) { totalCount nodes { slug } }
          byPerson: sessions(where: { presenters: { some: { slug: { eq: "hidden-person" } } } }) { totalCount }
          byLink: sessions(where: { links: { some: { url: { contains: "secret" } } } }) { totalCount }
          last: sessions(last: 1) { nodes { slug } }
          event { sessions { slug } links { url } }
          days { slots { sessions { slug } } }
          slots(first: 50) { totalCount nodes { sessions { slug } } }
          presenters(first: 50) { totalCount nodes { slug sessions { slug } } }
          hidden: presenters(where: { sessions: { some: { slug: { eq: "secret-draft" } } } }) { totalCount }
          presenter(slug: "hidden-person") { slug }
          vossel: presenter(slug: "david-vossel") { sessions { slug } }
          session(slug: "secret-draft") { slug }
          events(first: 5) { nodes { sessions(where: { status: { eq: DRAFT } }) { slug } } }
        }
        """;

    private SummitServer Server => editing.Server;

    [Fact]
    public async Task DraftIsInvisibleToAnonymousReadersUntilPublished()
    {
        var pristine = await ReadAsync(key: null);
        var (sessionId, presenterId, linkId) = await CreateDraftAsync();

        var anonymous = await ReadAsync(key: null);
        var anonymousNodes = await NodesAsync(null, sessionId, presenterId, linkId);
        var previewer = await ReadAsync(editing.PreviewerKey);
        var previewerNodes = await NodesAsync(editing.PreviewerKey, sessionId, presenterId, linkId);
        var editor = await ReadAsync(editing.Editor.Key);

        Assert.Equal(pristine, anonymous);
        Assert.Equal("""{"node":null,"nodes":[null,null,null]}""", anonymousNodes);
        Assert.Equal($$"""{"node":{"id":"{{sessionId}}"},"nodes":[{"id":"{{sessionId}}"},{"id":"{{presenterId}}"},{"id":"{{linkId}}"}]}""", previewerNodes);
        Assert.Equal(editor, previewer);
        var seen = JsonNode.Parse(editor)!;
        Assert.Equal((21, 1, 1, 1, 2, 1), (seen["sessions"].Number("totalCount"), seen["byTitle"].Number("totalCount"), seen["byPerson"].Number("totalCount"),
            seen["byLink"].Number("totalCount"), seen["hidden"].Number("totalCount"), seen["presenters"].Number("totalCount") - JsonNode.Parse(pristine)!["presenters"].Number("totalCount")));
        Assert.Equal("secret-draft", seen["session"].Text("slug"));
        Assert.Contains("secret-draft", seen["vossel"]!["sessions"].AsJson(), StringComparison.Ordinal);
        Assert.Contains("secret-draft", seen["days"].AsJson(), StringComparison.Ordinal);

        await editing.Editor.SucceedAsync("publishSession", new { id = sessionId, version = (await editing.Editor.SessionAsync("secret-draft")).Number("version") });

        var published = await ReadAsync(key: null);
        Assert.Equal(await ReadAsync(editing.Editor.Key), published);
        Assert.Equal(21, JsonNode.Parse(published)!["sessions"].Number("totalCount"));
        Assert.Equal(previewerNodes, await NodesAsync(null, sessionId, presenterId, linkId));
    }

    /// <summary>A draft in the welcome slot with a person of its own, David Vossel (who is in published sessions too) and a link.</summary>
    private async Task<(string Session, string Presenter, string Link)> CreateDraftAsync()
    {
        var editor = editing.Editor;
        var sessionId = await EveryMutation.CreateSessionAsync(editor, "Secret Draft");
        var person = await editor.SucceedAsync("createPresenter", new { name = "Hidden Person", website = "https://hidden.example" }, "presenter { id }");
        var presenterId = person["presenter"].Text("id");
        var vossel = (await editor.PresenterAsync("david-vossel")).Text("id");
        var slotId = (await editor.SessionAsync("welcome"))["slot"].Text("id");
        await editor.SucceedAsync("scheduleSession", new { id = sessionId, version = 1, slotId });
        await editor.SucceedAsync("addSessionPresenter", new { sessionId, version = 2, presenterId });
        await editor.SucceedAsync("addSessionPresenter", new { sessionId, version = 3, presenterId = vossel });
        var link = await editor.SucceedAsync("addLink", new { sessionId, kind = "SLIDES", url = "https://secret.example/slides" }, "link { id }");
        return (sessionId, presenterId, link["link"].Text("id"));
    }

    private async Task<string> ReadAsync(string? key) => (await Server.QueryAsync(Everything, bearerKey: key)).AsJson();

    private async Task<string> NodesAsync(string? key, params string[] ids) =>
        (await Server.QueryAsync("query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }", new { id = ids[0], ids }, key)).AsJson();
}
