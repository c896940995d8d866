using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>People and links: each mutation's success and each of its expected errors.</summary>
public sealed class PresenterAndLinkMutationTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Person = "presenter { slug name jobTitle company twitter github linkedIn website version }";

    private static readonly string[] HostileUrls = ["javascript:alert(1)", "data:text/html,hi", "ftp://files.example/x", "//no-scheme.example", "relative/path"];

    private Editor Editor => editing.Editor;

    [Fact]
    public async Task CreateAndUpdatePresenterKeepOmittedFieldsAndClearNulls()
    {
        var created = await Editor.SucceedAsync("createPresenter", new { name = "Grace Hopper", company = "Navy", twitter = "@grace", website = "https://grace.example" }, "presenter { id }");
        var id = created["presenter"].Text("id");

        var updated = await Editor.SucceedAsync("updatePresenter", new { id, version = 1, jobTitle = "Rear Admiral", company = (string?)null, linkedIn = "https://linkedin.example/grace" }, Person);

        Assert.Equal(
            """{"slug":"grace-hopper","name":"Grace Hopper","jobTitle":"Rear Admiral","company":null,"twitter":"grace","github":null,"linkedIn":"https://linkedin.example/grace","website":"https://grace.example","version":2}""",
            updated["presenter"].AsJson());
    }

    [Fact]
    public async Task PresenterErrors()
    {
        var created = await Editor.SucceedAsync("createPresenter", new { name = "Presenter Errors" }, "presenter { id }");
        var id = created["presenter"].Text("id");

        var invalid = await Editor.FailAsync("createPresenter", new { name = "", website = "javascript:alert(1)", linkedIn = "/relative" });
        var duplicate = await Editor.FailAsync("createPresenter", new { name = "David Vossel" });
        var stale = await Editor.FailAsync("updatePresenter", new { id, version = 3, name = "Late" });
        var missing = await Editor.FailAsync("deletePresenter", new { id = GlobalId.Encode("Presenter", 9999), version = 1 });
        var slugTaken = await Editor.FailAsync("updatePresenter", new { id, version = 1, slug = "david-vossel" });
        var slugRemoved = await Editor.FailAsync("updatePresenter", new { id, version = 1, slug = (string?)null });
        var session = (await Editor.QueryAsync("""{ session(slug: "hotplug") { id version } }"""))["session"]!;
        var sessionSlugRemoved = await Editor.FailAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), slug = (string?)null });

        Assert.Equal(
            """[{"__typename":"ValidationError","message":"Must not be empty.","path":["input","name"]},"""
            + """{"__typename":"ValidationError","message":"No slug can be made from the title; give one of lower-case letters, digits and dashes.","path":["input","slug"]},"""
            + """{"__typename":"ValidationError","message":"'/relative' is not an absolute http or https URL.","path":["input","linkedIn"]},"""
            + """{"__typename":"ValidationError","message":"'javascript:alert(1)' is not an absolute http or https URL.","path":["input","website"]}]""",
            invalid);
        Assert.Equal("""[{"__typename":"DuplicateSlugError","message":"Another person already has the slug 'david-vossel'.","slug":"david-vossel"}]""", duplicate);
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
        Assert.Equal("""[{"__typename":"DuplicateSlugError","message":"Another person already has the slug 'david-vossel'.","slug":"david-vossel"}]""", slugTaken);
        // An explicit null is not "make one from the title": an update has no title to make it from.
        foreach (var removed in new[] { slugRemoved, sessionSlugRemoved })
        {
            Assert.Equal("""[{"__typename":"ValidationError","message":"Must not be null: everything keeps a slug; give one of lower-case letters, digits and dashes.","path":["input","slug"]}]""", removed);
        }
    }

    [Fact]
    public async Task DeletedPresenterLeavesTheirSessionsAndRestoresIntoThem()
    {
        var person = await Editor.PresenterAsync("michael-henriksen");

        await Editor.SucceedAsync("deletePresenter", new { id = person.Text("id"), version = person.Number("version") });
        var whileDeleted = await Editor.QueryAsync("""{ presenter(slug: "michael-henriksen") { id } session(slug: "snapshots") { presenters { slug } } }""");
        var restored = await Editor.SucceedAsync("restorePresenter", new { id = person.Text("id") }, "presenter { slug sessions { slug } }");
        var again = await Editor.FailAsync("restorePresenter", new { id = person.Text("id") });

        Assert.Equal("""{"presenter":null,"session":{"presenters":[{"slug":"ryan-hallisey"}]}}""", whileDeleted.AsJson());
        Assert.Equal("""{"slug":"michael-henriksen","sessions":[{"slug":"snapshots"}]}""", restored["presenter"].AsJson());
        Assert.Equal(
            """["michael-henriksen","ryan-hallisey"]""",
            (await Editor.QueryAsync("""{ session(slug: "snapshots") { presenters { slug } } }"""))["session"]!["presenters"]!.AsArray().Select(p => p.Text("slug")).ToList().AsJsonArray());
        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No deleted person has the ID '{{person.Text("id")}}'.","id":"{{person.Text("id")}}"}]""", again);
    }

    [Fact]
    public async Task MergePresentersMovesTheSourcesSessionsHidesTheSourceAndIsRestorable()
    {
        var target = await Editor.PresenterAsync("adam-litke");
        var source = await Editor.PresenterAsync("alexander-wels");
        var slugTaken = await Editor.FailAsync("mergePresenters", new { targetId = target.Text("id"), targetVersion = 1, sourceId = target.Text("id"), sourceVersion = 1 });

        var merged = await Editor.SucceedAsync("mergePresenters",
            new { targetId = target.Text("id"), targetVersion = target.Number("version"), sourceId = source.Text("id"), sourceVersion = source.Number("version") },
            "presenter { slug sessions { slug } }");
        var sourceAfter = await Editor.QueryAsync("""{ presenter(slug: "alexander-wels") { id } session(slug: "hotplug") { presenters { slug } } }""");
        await Editor.SucceedAsync("restorePresenter", new { id = source.Text("id") });
        var restored = await Editor.PresenterAsync("alexander-wels");
        var hotplugAfterRestore = await Editor.QueryAsync("""{ session(slug: "hotplug") { presenters { slug } } }""");

        Assert.Equal("""[{"__typename":"ValidationError","message":"A record cannot be merged into itself.","path":["input","sourceId"]}]""", slugTaken);
        Assert.Equal("""{"slug":"adam-litke","sessions":[{"slug":"hotplug"},{"slug":"office-hours"}]}""", merged["presenter"].AsJson());
        Assert.Equal("""{"presenter":null,"session":{"presenters":[{"slug":"adam-litke"}]}}""", sourceAfter.AsJson());
        // The merged-into person keeps the sessions; the restored record comes back without them, never listed twice.
        Assert.Equal("[]", restored["sessions"].AsJson());
        Assert.Equal("""{"session":{"presenters":[{"slug":"adam-litke"}]}}""", hotplugAfterRestore.AsJson());
    }

    [Fact]
    public async Task RestorePresenterRevisionSetsTheDetailsBack()
    {
        var person = await Editor.PresenterAsync("le-yao");
        await Editor.SucceedAsync("updatePresenter", new { id = person.Text("id"), version = person.Number("version"), name = "Le Y.", company = "Elsewhere" });
        var changed = await Editor.PresenterAsync("le-yao");

        var restored = await Editor.SucceedAsync("restorePresenterRevision", new { revisionId = changed["revisions"]![0].Text("id"), version = changed.Number("version") }, "presenter { name company version }");
        var stale = await Editor.FailAsync("restorePresenterRevision", new { revisionId = changed["revisions"]![0].Text("id"), version = changed.Number("version") });
        var notAPresenterRevision = await Editor.FailAsync("restorePresenterRevision", new { revisionId = GlobalId.Encode("Revision", 9999), version = 1 });

        Assert.Equal($$"""{"name":"{{person.Text("name")}}","company":{{person["company"].AsJson()}},"version":{{changed.Number("version") + 1}}}""", restored["presenter"].AsJson());
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", notAPresenterRevision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksAreAddedUpdatedAndRemovedOnSessionsAndEditions()
    {
        var session = await Editor.SessionAsync("sriov");
        var eventId = (await Editor.EventAsync()).Text("id");

        var added = await Editor.SucceedAsync("addLink", new { sessionId = session.Text("id"), kind = "DEMO", url = "https://demo.example/sriov" }, "link { id kind url label version }");
        var linkId = added["link"].Text("id");
        var updated = await Editor.SucceedAsync("updateLink", new { id = linkId, version = 1, label = "Live demo", url = "http://demo.example/v2" }, "link { kind url label version }");
        var eventLink = await Editor.SucceedAsync("addLink", new { eventId, kind = "OTHER", url = "https://kubevirt.io", label = "Project" }, "link { label }");
        await Editor.SucceedAsync("removeLink", new { id = linkId, version = 2 });
        var after = await Editor.SessionAsync("sriov");

        Assert.Equal($$"""{"id":"{{linkId}}","kind":"DEMO","url":"https://demo.example/sriov","label":"Demo","version":1}""", added["link"].AsJson());
        Assert.Equal("""{"kind":"DEMO","url":"http://demo.example/v2","label":"Live demo","version":2}""", updated["link"].AsJson());
        Assert.Equal("""{"label":"Project"}""", eventLink["link"].AsJson());
        Assert.Equal(session["links"].AsJson(), after["links"].AsJson());
        Assert.Equal(session.Number("version") + 3, after.Number("version"));
    }

    [Fact]
    public async Task LinkErrors()
    {
        var session = await Editor.SessionAsync("forklift");
        var eventId = (await Editor.EventAsync()).Text("id");
        var link = session["links"]![0]!;

        var bothOwners = await Editor.FailAsync("addLink", new { sessionId = session.Text("id"), eventId, kind = "DEMO", url = "https://a.example" });
        var badUrls = await Task.WhenAll(
            HostileUrls.Select(url => Editor.FailAsync("addLink", new { sessionId = session.Text("id"), kind = "DEMO", url })));
        var stale = await Editor.FailAsync("updateLink", new { id = link.Text("id"), version = link.Number("version") + 1, label = "x" });
        var missing = await Editor.FailAsync("removeLink", new { id = GlobalId.Encode("Link", 9999), version = 1 });
        var noSession = await Editor.FailAsync("addLink", new { sessionId = GlobalId.Encode("Session", 9999), kind = "DEMO", url = "https://a.example" });

        Assert.Equal("""[{"__typename":"ValidationError","message":"Give exactly one of sessionId and eventId.","path":["input","sessionId"]}]""", bothOwners);
        Assert.All(badUrls, errors => Assert.Matches("""^\[\{"__typename":"ValidationError","message":"'[^']+' is not an absolute http or https URL.","path":\["input","url"\]\}\]$""", errors));
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", noSession, StringComparison.Ordinal);
        Assert.Equal(session.AsJson(), (await Editor.SessionAsync("forklift")).AsJson());
    }
}
