using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;
using System.Text.Json.Nodes;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>Optimistic concurrency under parallel requests, revisions and restore, and all-or-nothing mutations.</summary>
public sealed class ConcurrencyAndHistoryTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private Editor Alice => editing.Editor;

    private Editor Bob => editing.OtherEditor;

    /// <summary>
    /// A commit landing between a mutation's read and its save on every run, played inside the mutation's own transaction
    /// (a statement the save does not know of) so that it lands there every time: the change runs ContentEditor.Runs
    /// times, then a versioned row whose version moved on is a ConflictError with both versions, and a row without a
    /// version that was deleted meanwhile (a webhook) a ConflictError with the ID its GraphQL type gives it; neither an
    /// uncoded error. (ConcurrentSaveTests shows what the runs after the first answer when the commit lands once.)
    /// </summary>
    [Fact]
    public async Task ARowChangedOrDeletedBetweenReadAndSaveIsACodedError()
    {
        var contentEditor = editing.Server.Services.GetRequiredService<ContentEditor>();
        var sessionId = GlobalId.Decode(await EveryMutation.CreateSessionAsync(Alice, "Changed under the save"), "Session");
        var webhookGlobalId = (await Alice.SucceedAsync("registerWebhook", new { url = "http://127.0.0.1:9/deleted-under-the-save", secret = "a secret" }, "webhook { id }"))["webhook"].Text("id");
        var webhookId = GlobalId.Decode(webhookGlobalId, "Webhook");

        var runs = 0;
        var conflict = await Assert.ThrowsAsync<ContentException>(() => contentEditor.RunAsync("alice", async scope =>
        {
            runs++;
            var session = await scope.Db.Sessions.SingleAsync(x => x.Id == sessionId);
            await scope.Db.Sessions.Where(x => x.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(x => x.Version, 2));
            session.Title = "Saved over a newer version";
            return 0;
        }, CancellationToken.None));
        var removed = await Assert.ThrowsAsync<ContentException>(() => contentEditor.RunAsync("alice", async scope =>
        {
            runs++;
            var endpoint = await scope.Db.WebhookEndpoints.SingleAsync(x => x.Id == webhookId);
            await scope.Db.WebhookEndpoints.Where(x => x.Id == webhookId).ExecuteDeleteAsync();
            scope.Db.WebhookEndpoints.Remove(endpoint);
            return 0;
        }, CancellationToken.None));

        Assert.Equal(2 * ContentEditor.Runs, runs);
        Assert.Equal(ConflictError.For("Session", sessionId, 1, 2), Assert.Single(conflict.Errors));
        Assert.Equal(
            new ConflictError(
                "The Webhook could not be saved: a change saved at the same moment removed it, took one of its values (such as its slug) or removed something it refers to. Reload and try again.",
                webhookGlobalId, 0, 0),
            Assert.Single(removed.Errors));
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameVersionAtOnceNeverOverwriteEachOther()
    {
        var id = await EveryMutation.CreateSessionAsync(Alice, "Contested");
        var storedTitle = "Contested";
        for (var round = 1; round <= 10; round++)
        {
            var results = await Task.WhenAll(
                Alice.MutateAsync("updateSession", new { id, version = round, title = $"Alice {round}" }, "session { title version }"),
                Bob.MutateAsync("updateSession", new { id, version = round, title = $"Bob {round}" }, "session { title version }"));

            var winners = results.Where(r => r["errors"] is null).ToList();
            var losers = results.Where(r => r["errors"] is not null).ToList();
            Assert.Single(winners);
            Assert.Single(losers);
            var winnerTitle = winners[0]["session"].Text("title");
            Assert.Equal($$"""{"title":"{{winnerTitle}}","version":{{round + 1}}}""", winners[0]["session"].AsJson());
            Assert.Equal(
                $$"""[{"__typename":"ConflictError","message":"The Session is at version {{round + 1}}, not {{round}}: someone saved it after you loaded it. Reload it and reapply your change.","id":"{{id}}","currentVersion":{{round + 1}},"yourVersion":{{round}}}]""",
                losers[0]["errors"].AsJson());
            var stored = await Alice.QueryAsync($$"""{ node(id: "{{id}}") { ... on Session { title version revisions { version author previousContent } } } }""");
            Assert.Equal((winnerTitle, round + 1), (stored["node"].Text("title"), stored["node"].Number("version")));
            var latest = stored["node"]!["revisions"]![0]!;
            Assert.Equal((round, winnerTitle.StartsWith("Alice", StringComparison.Ordinal) ? "alice" : "bob"), (latest.Number("version"), latest.Text("author")));
            Assert.Equal(storedTitle, JsonNode.Parse(latest.Text("previousContent")).Text("title"));
            storedTitle = winnerTitle;
        }
    }

    [Fact]
    public async Task UpdateWritesARevisionWithAuthorChangedFieldsAndThePreviousContent()
    {
        var session = await Alice.SessionAsync("welcome");

        await Bob.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Welcome, everyone", @abstract = "New *abstract*" });
        var revision = (await Alice.SessionAsync("welcome"))["revisions"]![0]!;
        var previous = JsonNode.Parse(revision.Text("previousContent"))!;

        Assert.Equal("""{"version":1,"operation":"UPDATE","author":"bob","changedFields":["title","abstract"]}""",
            new JsonObject { ["version"] = revision.Number("version"), ["operation"] = revision.Text("operation"), ["author"] = revision.Text("author"), ["changedFields"] = revision["changedFields"]!.DeepClone() }.AsJson());
        Assert.Equal((session.Text("title"), "welcome"), (previous.Text("title"), previous.Text("slug")));
        Assert.Equal(session["presenterRoles"]!.AsArray().Count, previous["presenters"]!.AsArray().Count);
        Assert.Equal(session["links"]!.AsArray().Select(l => l.Text("url")), previous["links"]!.AsArray().Select(l => l.Text("url")));
    }

    [Fact]
    public async Task RestoringARevisionBringsBackTextsPresentersLinksAndSlot()
    {
        var original = await Alice.SessionAsync("cpu-pinning");
        var id = original.Text("id");
        await Alice.SucceedAsync("updateSession", new { id, version = original.Number("version"), title = "Pinning, reworded", programmeTitle = "Pinning" });
        await Alice.SucceedAsync("removeSessionPresenter", new { sessionId = id, version = original.Number("version") + 1, presenterId = original["presenterRoles"]![0]!["presenter"].Text("id") });
        await Alice.SucceedAsync("removeLink", new { id = original["links"]![0].Text("id"), version = original["links"]![0].Number("version") });
        await Alice.SucceedAsync("unscheduleSession", new { id, version = original.Number("version") + 3 });
        var changed = await Alice.SessionAsync("cpu-pinning");
        // The oldest of these edits; the import that created the session wrote an older revision still.
        var firstRevision = changed["revisions"]!.AsArray().Last(revision => revision.Text("author") == "alice")!;

        await Alice.SucceedAsync("restoreSessionRevision", new { revisionId = firstRevision.Text("id"), version = changed.Number("version") });
        var restored = await Alice.SessionAsync("cpu-pinning");

        Assert.Equal((original.Text("title"), original["programmeTitle"].AsJson(), original["slot"].AsJson(), original["presenterRoles"].AsJson()),
            (restored.Text("title"), restored["programmeTitle"].AsJson(), restored["slot"].AsJson(), restored["presenterRoles"].AsJson()));
        Assert.Equal(original["links"]!.AsArray().Select(l => (l.Text("kind"), l.Text("url"), l.Text("label"))), restored["links"]!.AsArray().Select(l => (l.Text("kind"), l.Text("url"), l.Text("label"))));
        Assert.Equal(("RESTORE", changed.Number("version") + 1), (restored["revisions"]![0].Text("operation"), restored.Number("version")));

        // The restore itself is a revision: restoring the one before it undoes the restore.
        await Alice.SucceedAsync("restoreSessionRevision", new { revisionId = restored["revisions"]![0].Text("id"), version = restored.Number("version") });
        var undone = await Alice.SessionAsync("cpu-pinning");
        Assert.Equal((changed.Text("title"), changed["slot"].AsJson(), changed["presenterRoles"].AsJson()), (undone.Text("title"), undone["slot"].AsJson(), undone["presenterRoles"].AsJson()));
    }

    [Fact]
    public async Task FailingMutationsLeaveTheDatabaseUnchanged()
    {
        var session = await Alice.SessionAsync("office-hours");
        var ev = await Alice.EventAsync();
        var target = await Alice.PresenterAsync("petr-horacek");
        var source = await Alice.PresenterAsync("adam-litke");
        var before = await editing.Server.DumpDatabaseAsync();

        var oneBadField = await Alice.FailAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Fine title", slug = "Bad Slug" });
        var conflict = await Alice.FailAsync("updateSession", new { id = session.Text("id"), version = session.Number("version") - 1, title = "Fine title" });
        var oneBadSponsor = await Alice.FailAsync("setEventSponsors", new { id = ev.Text("id"), version = ev.Number("version"), sponsors = new[] { new { name = "Fine", url = "https://fine.example" }, new { name = "Bad", url = "nope" } } });
        var staleSource = await Alice.FailAsync("mergePresenters", new { targetId = target.Text("id"), targetVersion = target.Number("version"), sourceId = source.Text("id"), sourceVersion = source.Number("version") + 1 });
        var lateSlugClash = await Alice.FailAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Fine title", slug = "welcome" });

        Assert.Equal(["ValidationError", "ConflictError", "ValidationError", "ConflictError", "DuplicateSlugError"],
            new[] { oneBadField, conflict, oneBadSponsor, staleSource, lateSlugClash }.Select(e => JsonNode.Parse(e)![0].Text("__typename")));
        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
    }
}
