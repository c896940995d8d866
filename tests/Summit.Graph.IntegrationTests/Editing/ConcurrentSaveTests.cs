using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Import;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// Two editors' mutations at once, and a writer outside the product committing while a mutation runs: each answers
/// exactly what it answers when it comes second, so rules that span rows hold (no overlapping slots, nothing added to a
/// day, slot or person being removed) and no answer is an uncoded error or an error outside the mutation's union.
/// On PostgreSQL the other side starts inside the first mutation's transaction, just before its save
/// (<see cref="ConcurrentCommits"/>). SQLite begins every transaction with <c>BEGIN IMMEDIATE</c>, one writer at a time,
/// so there the other side can only come after, and does.
/// </summary>
public sealed class ConcurrentSaveTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private Editor Alice => editing.Editor;

    private Editor Bob => editing.OtherEditor;

    private bool OnPostgres => editing.Server.Provider == "PostgreSql";

    public static TheoryData<string> Races =>
        ["sameSessionSlug", "samePresenterSlug", "sameDayDate", "sameVersion", "restoreTwice", "overlappingSlots", "removeDayGettingASlot", "removeSlotGettingASession", "presentByADeletedPerson"];

    /// <summary>
    /// Bob's mutation starts while Alice's transaction is about to save; it waits for hers (the content write lock), then
    /// answers what it answers sent again after both.
    /// </summary>
    [Theory]
    [MemberData(nameof(Races))]
    public async Task TheSecondOfTwoMutationsAtOnceAnswersAsIfItCameAfterTheFirst(string race)
    {
        var (saving, first, second) = await ArrangeAsync(race);

        var (firstAnswer, secondAnswer) = await OneBesideTheOtherAsync(saving, () => Alice.MutateAsync(first.Name, first.Input), () => Bob.MutateAsync(second.Name, second.Input));
        var sentAgain = await Bob.MutateAsync(second.Name, second.Input);

        Assert.True(firstAnswer["errors"] is null, $"{first.Name} failed: {firstAnswer.AsJson()}");
        Assert.True(secondAnswer["errors"] is JsonArray { Count: 1 }, $"{second.Name} did not fail: {secondAnswer.AsJson()}");
        Assert.Equal(sentAgain["errors"].AsJson(), secondAnswer["errors"].AsJson());
    }

    /// <summary>Two links appended to one edition at once (no version to send): both are kept, one after the other.</summary>
    [Fact]
    public async Task TwoLinksAddedAtOnceAreBothKeptInTurn()
    {
        var eventId = (await Alice.EventAsync()).Text("id");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var before = await LinkPositionsAsync(eventId);

        var (first, second) = await OneBesideTheOtherAsync(typeof(Link),
            () => Alice.MutateAsync("addLink", new { eventId, kind = "OTHER", url = $"https://example.org/alice-{unique}" }),
            () => Bob.MutateAsync("addLink", new { eventId, kind = "OTHER", url = $"https://example.org/bob-{unique}" }));
        var after = await LinkPositionsAsync(eventId);
        var next = before.Count == 0 ? 0 : before[^1].Position + 1;

        Assert.Equal([null, null], new[] { first["errors"], second["errors"] });
        Assert.Equal([.. before, (next, $"https://example.org/alice-{unique}"), (next + 1, $"https://example.org/bob-{unique}")], after);
    }

    /// <summary>
    /// An import saving while an editor updates one of its sessions: the editor waits for the import and answers what it
    /// answers after it (a ConflictError, since the import wrote a new version); the import never fails. The 2021 page is
    /// imported as an edition of its own, so that other tests' sessions are not removals to it.
    /// </summary>
    [Fact]
    public async Task AnEditWaitsForAnImportSavingAtTheSameMoment()
    {
        var page = editing.Server.Services.GetRequiredService<PageReader>().Read(await File.ReadAllTextAsync(RepositoryFiles.PathOf("src/Summit.Graph/Seed/kubevirt-summit-2021.md"))).Event
            with { Slug = "imported-at-once-" + Guid.NewGuid().ToString("N")[..8] };
        Assert.True((await ImportAsync(page)).Written);
        var tekton = await TektonAsync(page.Slug);
        await Alice.SucceedAsync("updateSession", new { id = tekton.Text("id"), version = tekton.Number("version"), title = "Renamed before the import" });
        var edit = new { id = tekton.Text("id"), version = tekton.Number("version") + 1, title = "Renamed during the import" };

        var (import, answer) = await OneBesideTheOtherAsync(typeof(Session), () => ImportAsync(page), () => Alice.MutateAsync("updateSession", edit));
        var sentAgain = await Alice.MutateAsync("updateSession", edit);

        Assert.True(import.Written);
        Assert.True(answer["errors"] is JsonArray { Count: 1 }, $"updateSession did not fail: {answer.AsJson()}");
        Assert.Equal(sentAgain["errors"].AsJson(), answer["errors"].AsJson());
        Assert.Equal(page.Sessions.Single(s => s.Slug == "tekton").Title, (await TektonAsync(page.Slug)).Text("title"));
    }

    public static TheoryData<string> OutsideWrites => ["slugTaken", "versionMovedOn", "dayRemoved"];

    /// <summary>
    /// A writer that does not take the content write lock (a script, an older instance) commits between a mutation's
    /// checks and its save, so that the database refuses the save: the mutation runs again and answers what it answers
    /// sent again after that write.
    /// </summary>
    [Theory]
    [MemberData(nameof(OutsideWrites))]
    public async Task AMutationWhoseSaveAnOutsideWriteDefeatsAnswersAsIfItCameAfter(string write)
    {
        var eventId = (await Alice.EventAsync()).Text("id");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (mutation, input, entity, outside) = write switch
        {
            "slugTaken" => ("createSession", (object)new { eventId, title = "Raced by a script", slug = $"scripted-{unique}" }, typeof(Session), (Func<SummitDbContext, Task>)(db =>
            {
                db.Sessions.Add(new Session { EventId = GlobalId.Decode(eventId, "Event"), Slug = $"scripted-{unique}", Title = "Written by a script", Version = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
                return db.SaveChangesAsync();
            })),
            "versionMovedOn" => await VersionMovedOnAsync(unique),
            "dayRemoved" => await DayRemovedAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        };

        JsonNode answer;
        if (OnPostgres)
        {
            editing.Server.ConcurrentCommits.BeforeNextSaveOf(entity, () => editing.Server.ChangeDatabaseAsync(async db => { await outside(db); return 0; }));
            answer = await Alice.MutateAsync(mutation, input);
            Assert.True(editing.Server.ConcurrentCommits.Ran, "The outside write did not land between the checks and the save.");
        }
        else
        {
            await editing.Server.ChangeDatabaseAsync(async db => { await outside(db); return 0; });
            answer = await Alice.MutateAsync(mutation, input);
        }

        var sentAgain = await Alice.MutateAsync(mutation, input);
        Assert.True(answer["errors"] is JsonArray { Count: 1 }, $"{mutation} did not fail: {answer.AsJson()}");
        Assert.Equal(sentAgain["errors"].AsJson(), answer["errors"].AsJson());
    }

    /// <summary>Two <c>keys create</c> with one name at once: the one whose save comes second is refused as if it came after.</summary>
    [Fact]
    public async Task TheSecondOfTwoKeysCreatedWithOneNameAtOnceIsRefusedAsADuplicate()
    {
        var name = "twin-" + Guid.NewGuid().ToString("N")[..8];
        editing.Server.ConcurrentCommits.BeforeNextSaveOf(typeof(ApiKey), () => editing.Server.CreateKeyAsync(name, ApiKeyRole.Previewer));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => editing.Server.CreateKeyAsync(name, ApiKeyRole.Editor));

        Assert.True(editing.Server.ConcurrentCommits.Ran);
        Assert.Equal($"A key named '{name}' exists already. (Parameter 'name')", refused.Message);
        Assert.Equal([ApiKeyRole.Previewer], await editing.Server.WithDatabaseAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.Role).ToListAsync()));
    }

    [Fact]
    public async Task EveryMutationsErrorUnionHoldsConflictErrorAndValidationError()
    {
        var mutations = (await Alice.QueryAsync("{ __schema { mutationType { fields { name } } } }"))["__schema"]!["mutationType"]!["fields"]!.AsArray();

        Assert.NotEmpty(mutations);
        foreach (var name in mutations.Select(field => field!.Text("name")))
        {
            var union = char.ToUpperInvariant(name[0]) + name[1..] + "Error";
            var members = (await Alice.QueryAsync("query($name: String!) { __type(name: $name) { possibleTypes { name } } }", new { name = union }))["__type"]!["possibleTypes"]!
                .AsArray().Select(type => type!.Text("name")).ToList();
            Assert.Contains("ValidationError", members);
            Assert.Contains("ConflictError", members);
        }
    }

    private sealed record Sent(string Name, object Input);

    /// <summary>The entity Alice's save writes, her mutation, and Bob's, which conflicts with it.</summary>
    private async Task<(Type Saving, Sent First, Sent Second)> ArrangeAsync(string race)
    {
        var eventId = (await Alice.EventAsync()).Text("id");
        var unique = Guid.NewGuid().ToString("N")[..8];
        switch (race)
        {
            case "sameSessionSlug":
                var session = new { eventId, title = "Alice's session", slug = $"raced-{unique}" };
                return (typeof(Session), new("createSession", session), new("createSession", session with { title = "Bob's session" }));
            case "samePresenterSlug":
                var presenter = new { name = "Alice Person", slug = $"raced-{unique}" };
                return (typeof(Presenter), new("createPresenter", presenter), new("createPresenter", presenter with { name = "Bob Person" }));
            case "sameDayDate":
                var day = new { eventId, startsAt = "2021-02-20T14:00:00Z", endsAt = "2021-02-20T19:00:00Z" };
                return (typeof(Day), new("addDay", day), new("addDay", day with { endsAt = "2021-02-20T18:00:00Z" }));
            case "sameVersion":
                var updated = await EveryMutation.CreateSessionAsync(Alice, $"Updated at once {unique}");
                return (typeof(Session), new("updateSession", new { id = updated, version = 1, title = "Alice's title" }), new("updateSession", new { id = updated, version = 1, title = "Bob's title" }));
            case "restoreTwice":
                var deleted = await EveryMutation.CreateSessionAsync(Alice, $"Restored at once {unique}");
                await Alice.SucceedAsync("deleteSession", new { id = deleted, version = 1 });
                return (typeof(Session), new("restoreSession", new { id = deleted }), new("restoreSession", new { id = deleted }));
            case "overlappingSlots":
                var trackDay = await EveryMutation.AddDayAsync(Alice, "2021-02-22");
                var slot = new { dayId = trackDay, startsAt = "2021-02-22T14:00:00Z", endsAt = "2021-02-22T14:30:00Z" };
                return (typeof(Slot), new("addSlot", slot), new("addSlot", slot with { startsAt = "2021-02-22T14:15:00Z", endsAt = "2021-02-22T14:45:00Z" }));
            case "removeDayGettingASlot":
                var emptyDay = await EveryMutation.AddDayAsync(Alice, "2021-02-23");
                return (typeof(Slot), new("addSlot", new { dayId = emptyDay, startsAt = "2021-02-23T14:00:00Z", endsAt = "2021-02-23T14:30:00Z" }), new("removeDay", new { id = emptyDay, version = 1 }));
            case "removeSlotGettingASession":
                var emptySlot = await EveryMutation.AddSlotAsync(Alice, "2021-02-24");
                var scheduled = await EveryMutation.CreateSessionAsync(Alice, $"Scheduled at once {unique}");
                return (typeof(Session), new("scheduleSession", new { id = scheduled, version = 1, slotId = emptySlot }), new("removeSlot", new { id = emptySlot, version = 1 }));
            case "presentByADeletedPerson":
                var person = (await Alice.SucceedAsync("createPresenter", new { name = $"Leaving {unique}" }, "presenter { id }"))["presenter"].Text("id");
                var presented = await EveryMutation.CreateSessionAsync(Alice, $"Presented at once {unique}");
                return (typeof(Presenter), new("deletePresenter", new { id = person, version = 1 }), new("addSessionPresenter", new { sessionId = presented, version = 1, presenterId = person }));
            default:
                throw new ArgumentOutOfRangeException(nameof(race));
        }
    }

    private async Task<(string, object, Type, Func<SummitDbContext, Task>)> VersionMovedOnAsync(string unique)
    {
        var id = await EveryMutation.CreateSessionAsync(Alice, $"Changed by a script {unique}");
        var key = GlobalId.Decode(id, "Session");
        return ("updateSession", new { id, version = 1, title = "Alice's title" }, typeof(Session),
            db => db.Sessions.Where(s => s.Id == key).ExecuteUpdateAsync(set => set.SetProperty(s => s.Title, "A script's title").SetProperty(s => s.Version, 2)));
    }

    private async Task<(string, object, Type, Func<SummitDbContext, Task>)> DayRemovedAsync()
    {
        var dayId = await EveryMutation.AddDayAsync(Alice, "2021-02-25");
        var key = GlobalId.Decode(dayId, "Day");
        return ("addSlot", new { dayId, startsAt = "2021-02-25T14:00:00Z", endsAt = "2021-02-25T14:30:00Z" }, typeof(Slot),
            db => db.Days.Where(d => d.Id == key).ExecuteDeleteAsync());
    }

    /// <summary>
    /// Runs <paramref name="first"/>; on PostgreSQL starts <paramref name="second"/> just before the first save that writes
    /// a <paramref name="saving"/> row, and lets that save go on once the second has finished (no lock kept it out: the
    /// defect) or a transaction of this server's database waits for the content write lock (<c>pg_locks</c>), which only
    /// the second can be. On SQLite, where no second writer can begin meanwhile, the second runs after the first.
    /// </summary>
    private async Task<(T1 First, T2 Second)> OneBesideTheOtherAsync<T1, T2>(Type saving, Func<Task<T1>> first, Func<Task<T2>> second)
    {
        if (!OnPostgres)
        {
            var firstResult = await first();
            return (firstResult, await second());
        }

        Task<T2>? running = null;
        var commits = editing.Server.ConcurrentCommits;
        commits.BeforeNextSaveOf(saving, async () =>
        {
            running = second();
            var giveUp = DateTime.UtcNow.AddMinutes(1);
            while (!running.IsCompleted && await LockWaitersAsync() == 0)
            {
                Assert.True(DateTime.UtcNow < giveUp, "The second neither finished nor waited for the content write lock within a minute.");
                await Task.Delay(10);
            }
        });
        var result = await first();
        Assert.True(commits.Ran, "The second did not start inside the first's transaction.");
        return (result, await running!);
    }

    private Task<int> LockWaitersAsync() => editing.Server.WithDatabaseAsync(db => db.Database.SqlQueryRaw<int>(
        "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").SingleAsync());

    private Task<ImportSummary> ImportAsync(Content.Model.EventContent page) =>
        editing.Server.Services.ImportAsync(page, new ImportOptions("kubevirt-summit-2021.md"));

    private async Task<JsonNode> TektonAsync(string eventSlug) =>
        (await Alice.QueryAsync("query($event: String!) { session(slug: \"tekton\", event: $event) { id version title } }", new { @event = eventSlug }))["session"]!;

    /// <summary>The edition's links as stored: position and URL, in position order.</summary>
    private Task<List<(int Position, string Url)>> LinkPositionsAsync(string eventId)
    {
        var key = GlobalId.Decode(eventId, "Event");
        return editing.Server.WithDatabaseAsync(async db => (await db.Links.Where(l => l.EventId == key).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(l => new { l.Position, l.Url }).ToListAsync()).Select(l => (l.Position, l.Url)).ToList());
    }
}
