using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Search;

/// <summary>
/// What <c>search</c> finds follows every write at once (the index is kept by the database itself), and drafts are
/// found by editors and previewers only.
/// </summary>
public sealed class SearchFreshnessTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private SummitServer Server => editing.Server;

    [Fact]
    public async Task DraftIsFoundByEditorsOnlyUntilPublished()
    {
        var editor = editing.Editor;
        var sessionId = await EveryMutation.CreateSessionAsync(editor, "Quokkas on Zanzibar");
        var person = await editor.SucceedAsync("createPresenter", new { name = "Wilhelmina Quokkaperson", company = "Zanzibar Labs" }, "presenter { id }");
        await editor.SucceedAsync("addSessionPresenter", new { sessionId, version = 1, presenterId = person["presenter"].Text("id") });

        foreach (var query in new[] { "quokkas", "Quokkaperson", "Zanzibar", "Quokaperson" })
        {
            Assert.Empty(await FindAsync(query, key: null));
            Assert.NotEmpty(await FindAsync(query, editor.Key));
            Assert.NotEmpty(await FindAsync(query, editing.PreviewerKey));
        }

        Assert.Equal([("Presenter", "wilhelmina-quokkaperson"), ("Session", "quokkas-on-zanzibar")], (await FindAsync("Zanzibar", editor.Key)).Order());

        await editor.SucceedAsync("publishSession", new { id = sessionId, version = 2 });

        Assert.Equal([("Session", "quokkas-on-zanzibar")], await FindAsync("quokkas", key: null));
        Assert.Equal([("Presenter", "wilhelmina-quokkaperson")], await FindAsync("Quokaperson", key: null));
    }

    [Fact]
    public async Task ChangedTitleIsFoundAtOnceAndTheOldOneNoLonger()
    {
        var session = await editing.Editor.SessionAsync("templates");
        Assert.Contains(("Session", "templates"), await FindAsync("great", key: null));

        await editing.Editor.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Walruses at scale" });

        Assert.Equal([("Session", "templates")], await FindAsync("walruses", key: null));
        Assert.DoesNotContain(("Session", "templates"), await FindAsync("great", key: null));
    }

    [Fact]
    public async Task DeletedPresenterIsNotFound()
    {
        var person = await editing.Editor.SucceedAsync("createPresenter", new { name = "Ottilie Gnuforth" }, "presenter { id version }");
        Assert.Equal([("Presenter", "ottilie-gnuforth")], await FindAsync("Gnuforth", editing.Editor.Key));

        await editing.Editor.SucceedAsync("deletePresenter", new { id = person["presenter"].Text("id"), version = person["presenter"].Number("version") });

        Assert.Empty(await FindAsync("Gnuforth", editing.Editor.Key));
    }

    private Task<List<(string Type, string Slug)>> FindAsync(string query, string? key) => SearchTests.FindAsync(Server, query, key);
}

/// <summary>An import's changes are found at once: a server of its own, since the import rewrites the edition.</summary>
public sealed class SearchAfterImportTests(SummitServer server) : IClassFixture<SummitServer>
{
    [Fact]
    public async Task ImportedTitleAndCompanyAreFoundAtOnce()
    {
        Assert.Empty(await FindAsync("revisited"));
        Assert.DoesNotContain(("Presenter", "karel-simon"), await FindAsync("IBM"));

        var page = server.Services.GetRequiredService<PageReader>().Read(EditedPage.WithFiveEdits()).Event;
        await server.Services.ImportAsync(page, new ImportOptions("edited.md") { AllowRemovals = true });

        Assert.Equal([("Session", "hotplug")], await FindAsync("revisited"));
        Assert.Contains(("Presenter", "karel-simon"), await FindAsync("IBM"));
    }

    private Task<List<(string Type, string Slug)>> FindAsync(string query) => SearchTests.FindAsync(server, query, key: null);
}
