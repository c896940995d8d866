using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Importing;

/// <summary>
/// Imports are edits. The case from the issue: the pre-event programme of 2021 (its table alone, in the schedule-only
/// layout) imported over the final page would erase every abstract, presenter and recording.
/// </summary>
public sealed partial class ImportRevisionTests : IAsyncLifetime
{
    private readonly EditingServer editing = new();

    private SummitServer Server => editing.Server;

    public Task InitializeAsync() => editing.InitializeAsync();

    public Task DisposeAsync() => editing.DisposeAsync();

    [Fact]
    public async Task ImportThatWouldEraseContentStopsAndWritesNothing()
    {
        var before = await TektonAsync();

        var summary = await ImportAsync(PreEventProgramme(), allowRemovals: false);

        Assert.False(summary.Written);
        Assert.Contains("the abstract of 'Automating KubeVirt with Tekton Pipelines'", summary.Removals);
        Assert.Contains("Filip Křepinský as a presenter of 'Automating KubeVirt with Tekton Pipelines'", summary.Removals);
        Assert.Contains("the recording link https://youtu.be/ZA4fN_ogpY0 of 'Automating KubeVirt with Tekton Pipelines'", summary.Removals);
        Assert.Equal(20, summary.Removals.Count(removal => removal.StartsWith("the abstract of", StringComparison.Ordinal)));
        Assert.Equal(before.ToJsonString(), (await TektonAsync()).ToJsonString());
    }

    [Fact]
    public async Task ExplicitRemovalWritesARevisionPerSessionThatRestoresIt()
    {
        var before = await TektonAsync();

        var summary = await ImportAsync(PreEventProgramme(), allowRemovals: true);
        var after = await TektonAsync();
        var revision = after["revisions"]!.AsArray().First()!;
        var restored = await editing.Editor.SucceedAsync("restoreSessionRevision",
            new { revisionId = revision["id"]!.GetValue<string>(), version = after["version"]!.GetValue<int>() }, "session { title }");
        var back = await TektonAsync();

        Assert.True(summary.Written);
        Assert.Equal("", after["abstract"]!["markdown"]!.GetValue<string>());
        Assert.Empty(after["presenters"]!.AsArray());
        Assert.Equal(("import pre-event.md", "UPDATE"), (revision["author"]!.GetValue<string>(), revision["operation"]!.GetValue<string>()));
        Assert.Equal(["slug", "abstract", "presenters", "links"], revision["changedFields"]!.AsArray().Select(field => field!.GetValue<string>()));
        Assert.Equal("Automating KubeVirt with Tekton Pipelines", restored["session"]!["title"]!.GetValue<string>());
        Assert.Equal(Content(before), Content(back));
    }

    [Fact]
    public async Task SessionTheImportRemovedIsRestoredByRestoreSession()
    {
        var page = EditedPage.WithoutCapabilities();

        var stopped = await ImportAsync(page, allowRemovals: false);
        var removed = await ImportAsync(page, allowRemovals: true);
        var deletion = await Server.WithDatabaseAsync(db => Task.FromResult(db.Revisions.Single(r => r.EntityType == "Session" && r.Operation == RevisionOperation.Delete && r.Author == "import pre-event.md")));
        var restored = await editing.Editor.SucceedAsync("restoreSession", new { id = Summit.Graph.GraphQL.Common.GlobalId.Encode("Session", deletion.EntityId) }, "session { slug title presenters { name } }");

        Assert.Equal(["the session 'Privilege dropping, one capability at a time' (with 1 presenter and 2 links)"], stopped.Removals);
        Assert.Equal((19, true), (removed.Sessions, removed.Written));
        Assert.Equal("""{"slug":"capabilities","title":"Privilege dropping, one capability at a time","presenters":[{"name":"Miguel Duarte Barroso"}]}""", restored["session"]!.ToJsonString());
    }

    [Fact]
    public async Task ImportThatChangesAPersonsDetailsKeepsTheOldOnesInARevisionThatRestoresThem()
    {
        var dryRun = await ImportAsync(EditedPage.WithFiveEdits(), allowRemovals: true, dryRun: true);
        await ImportAsync(EditedPage.WithFiveEdits(), allowRemovals: true);
        var karel = await PresenterAsync("karel-simon");
        var revision = karel["revisions"]!.AsArray().First()!;
        var restored = await editing.Editor.SucceedAsync("restorePresenterRevision",
            new { revisionId = revision["id"]!.GetValue<string>(), version = karel["version"]!.GetValue<int>() }, "presenter { company }");

        Assert.Contains("presenter 'Karel Simon': company changed", dryRun.Changes);
        Assert.Equal("IBM", karel["company"]!.GetValue<string>());
        Assert.Equal(("import pre-event.md", "UPDATE", "company"),
            (revision["author"]!.GetValue<string>(), revision["operation"]!.GetValue<string>(), string.Join(',', revision["changedFields"]!.AsArray().Select(field => field!.GetValue<string>()))));
        Assert.Equal("Red Hat", restored["presenter"]!["company"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportKeepsTheEarlierContentOfTheEditionAndOfEachDayAndSlotItChangesOrRemoves()
    {
        var page = EditedPage.WithoutCapabilities()
            .ReplaceOnce("Keep the conversations going", "Keep talking")
            .ReplaceOnce("|        | 16:00 | [Automating KubeVirt with Tekton Pipelines](#tekton)", "|        | 19:00 | [Automating KubeVirt with Tekton Pipelines](#tekton)");
        var slotsBefore = await Server.WithDatabaseAsync(db => db.Slots.Include(s => s.Day).ToListAsync());

        await ImportAsync(page, allowRemovals: true);
        var revisions = await Server.WithDatabaseAsync(db => db.Revisions.Where(r => r.Author == "import pre-event.md" && r.EntityType != "Session").ToListAsync());

        var edition = Assert.Single(revisions, r => r.EntityType == "Event");
        Assert.Equal((RevisionOperation.Update, "whatsNext"), (edition.Operation, edition.ChangedFields));
        Assert.StartsWith("Keep the conversations going", RevisionSnapshots.Read<EventSnapshot>(edition.PreviousContent)!.WhatsNextMarkdown, StringComparison.Ordinal);
        // A slot is matched by its start: the session moved to 19:00 leaves the 16:00 slot and makes a new one, which ends the day later.
        var removed = revisions.Where(r => r.EntityType == "Slot" && r.Operation == RevisionOperation.Delete)
            .Select(r => (r.EntityId, RevisionSnapshots.Read<SlotSnapshot>(r.PreviousContent)!.StartsAt)).OrderBy(slot => slot.StartsAt);
        DateTime[] removedStarts = [Utc(2021, 2, 9, 16, 0), Utc(2021, 2, 10, 15, 30)];
        Assert.Equal(slotsBefore.Where(s => removedStarts.Contains(s.StartsAt)).OrderBy(s => s.StartsAt).Select(s => (s.Id, s.StartsAt)), removed);
        var created = Assert.Single(revisions, r => r.EntityType == "Slot" && r.Operation == RevisionOperation.Create);
        Assert.Equal(Utc(2021, 2, 9, 19, 0), await Server.WithDatabaseAsync(db => db.Slots.Where(s => s.Id == created.EntityId).Select(s => s.StartsAt).SingleAsync()));
        var day = Assert.Single(revisions, r => r.EntityType == "Day");
        Assert.Equal(("endsAt", slotsBefore.First(s => s.StartsAt == removedStarts[0]).DayId, Utc(2021, 2, 9, 19, 0)),
            (day.ChangedFields, day.EntityId, RevisionSnapshots.Read<DaySnapshot>(day.PreviousContent)!.EndsAt));
        // A slot lasts until the next one starts: the slots before the removed ones now end later.
        var lengthened = revisions.Where(r => r.EntityType == "Slot" && r.Operation == RevisionOperation.Update)
            .Select(r => (r.EntityId, r.ChangedFields, RevisionSnapshots.Read<SlotSnapshot>(r.PreviousContent)!.EndsAt)).OrderBy(slot => slot.EndsAt);
        Assert.Equal(slotsBefore.Where(s => removedStarts.Contains(s.EndsAt)).OrderBy(s => s.EndsAt).Select(s => (s.Id, "endsAt", s.EndsAt)), lengthened);
        Assert.DoesNotContain(revisions, r => r.EntityType == "Presenter");
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);


    /// <summary>The 2021 page before the event: its front matter, When and programme table, titles without anchors.</summary>
    private static string PreEventProgramme()
    {
        var page = EditedPage.Bundled;
        var table = page[..page.IndexOf("## Session details", StringComparison.Ordinal)];
        return AnchorLink().Replace(table, "${title}");
    }

    private Task<ImportSummary> ImportAsync(string markdown, bool allowRemovals, bool dryRun = false) =>
        Server.Services.ImportAsync(Server.Services.GetRequiredService<PageReader>().Read(markdown).Event, new ImportOptions("pre-event.md") { AllowRemovals = allowRemovals, DryRun = dryRun });

    private async Task<JsonNode> PresenterAsync(string slug) =>
        (await editing.Editor.QueryAsync("""
            query($slug: String!) { presenter(slug: $slug) { version company revisions { id author operation changedFields } } }
            """, new { slug }))["presenter"]!;

    /// <summary>The Tekton session under its anchor, or under the slug the pre-event page's title gives it.</summary>
    private async Task<JsonNode> TektonAsync()
    {
        foreach (var slug in new[] { "tekton", "automating-kubevirt-with-tekton-pipelines" })
        {
            var data = await editing.Editor.QueryAsync("""
                query($slug: String!) { session(slug: $slug) { id version title abstract { markdown } presenters { name } links { kind url }
                  revisions { id author operation changedFields } } }
                """, new { slug });
            if (data["session"] is { } session)
            {
                return session;
            }
        }

        throw new InvalidOperationException("The Tekton session is gone.");
    }

    /// <summary>What a reader sees of the session: title, abstract, presenters and links.</summary>
    private static string Content(JsonNode session) =>
        $"{session["title"]} {session["abstract"]!.ToJsonString()} {session["presenters"]!.ToJsonString()} {session["links"]!.ToJsonString()}";

    [GeneratedRegex(@"\[(?<title>[^\]]+)\]\(#[^)]+\)")]
    private static partial Regex AnchorLink();
}
