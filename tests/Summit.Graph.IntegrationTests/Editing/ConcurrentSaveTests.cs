using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
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
        var (first, second) = await ArrangeAsync(race);

        JsonNode? secondAnswer = null;
        if (OnPostgres)
        {
            Task<JsonNode>? running = null;
            editing.Server.ConcurrentCommits.BeforeNextSaveOf(first.Entity, async () =>
            {
                running = Bob.MutateAsync(second.Name, second.Input);
                await UntilDoneOrWaitingForTheLockAsync(running);
            });
            var firstAnswer = await Alice.MutateAsync(first.Name, first.Input);
            Assert.True(editing.Server.ConcurrentCommits.Ran, "The second mutation did not start inside the first's transaction.");
            secondAnswer = await running!;
            Assert.True(firstAnswer["errors"] is null, $"{first.Name} failed: {firstAnswer.AsJson()}");
        }
        else
        {
            await Alice.SucceedAsync(first.Name, first.Input);
            secondAnswer = await Bob.MutateAsync(second.Name, second.Input);
        }

        var sentAgain = await Bob.MutateAsync(second.Name, second.Input);
        Assert.True(secondAnswer["errors"] is JsonArray { Count: 1 }, $"{second.Name} did not fail: {secondAnswer.AsJson()}");
        Assert.Equal(sentAgain["errors"].AsJson(), secondAnswer["errors"].AsJson());
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

    private sealed record Sent(string Name, object Input, Type Entity);

    /// <summary>Alice's mutation (and the entity its save writes), and Bob's, which conflicts with it.</summary>
    private async Task<(Sent First, Sent Second)> ArrangeAsync(string race)
    {
        var eventId = (await Alice.EventAsync()).Text("id");
        var unique = Guid.NewGuid().ToString("N")[..8];
        switch (race)
        {
            case "sameSessionSlug":
                var session = new { eventId, title = "Alice's session", slug = $"raced-{unique}" };
                return (new("createSession", session, typeof(Session)), new("createSession", session with { title = "Bob's session" }, typeof(Session)));
            case "samePresenterSlug":
                var presenter = new { name = "Alice Person", slug = $"raced-{unique}" };
                return (new("createPresenter", presenter, typeof(Presenter)), new("createPresenter", presenter with { name = "Bob Person" }, typeof(Presenter)));
            case "sameDayDate":
                var day = new { eventId, startsAt = "2021-02-20T14:00:00Z", endsAt = "2021-02-20T19:00:00Z" };
                return (new("addDay", day, typeof(Day)), new("addDay", day with { endsAt = "2021-02-20T18:00:00Z" }, typeof(Day)));
            case "sameVersion":
                var updated = await EveryMutation.CreateSessionAsync(Alice, $"Updated at once {unique}");
                return (new("updateSession", new { id = updated, version = 1, title = "Alice's title" }, typeof(Session)), new("updateSession", new { id = updated, version = 1, title = "Bob's title" }, typeof(Session)));
            case "restoreTwice":
                var deleted = await EveryMutation.CreateSessionAsync(Alice, $"Restored at once {unique}");
                await Alice.SucceedAsync("deleteSession", new { id = deleted, version = 1 });
                return (new("restoreSession", new { id = deleted }, typeof(Session)), new("restoreSession", new { id = deleted }, typeof(Session)));
            case "overlappingSlots":
                var trackDay = await EveryMutation.AddDayAsync(Alice, "2021-02-22");
                var slot = new { dayId = trackDay, startsAt = "2021-02-22T14:00:00Z", endsAt = "2021-02-22T14:30:00Z" };
                return (new("addSlot", slot, typeof(Slot)), new("addSlot", slot with { startsAt = "2021-02-22T14:15:00Z", endsAt = "2021-02-22T14:45:00Z" }, typeof(Slot)));
            case "removeDayGettingASlot":
                var emptyDay = await EveryMutation.AddDayAsync(Alice, "2021-02-23");
                return (new("addSlot", new { dayId = emptyDay, startsAt = "2021-02-23T14:00:00Z", endsAt = "2021-02-23T14:30:00Z" }, typeof(Slot)), new("removeDay", new { id = emptyDay, version = 1 }, typeof(Day)));
            case "removeSlotGettingASession":
                var emptySlot = await EveryMutation.AddSlotAsync(Alice, "2021-02-24");
                var scheduled = await EveryMutation.CreateSessionAsync(Alice, $"Scheduled at once {unique}");
                return (new("scheduleSession", new { id = scheduled, version = 1, slotId = emptySlot }, typeof(Session)), new("removeSlot", new { id = emptySlot, version = 1 }, typeof(Slot)));
            case "presentByADeletedPerson":
                var person = (await Alice.SucceedAsync("createPresenter", new { name = $"Leaving {unique}" }, "presenter { id }"))["presenter"].Text("id");
                var presented = await EveryMutation.CreateSessionAsync(Alice, $"Presented at once {unique}");
                return (new("deletePresenter", new { id = person, version = 1 }, typeof(Presenter)), new("addSessionPresenter", new { sessionId = presented, version = 1, presenterId = person }, typeof(Session)));
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
    /// Returns once <paramref name="second"/> has finished (no lock kept it out: the defect) or a transaction of this
    /// server's database waits for the content write lock (PostgreSQL's <c>pg_locks</c>), which only the second can be.
    /// </summary>
    private async Task UntilDoneOrWaitingForTheLockAsync(Task second)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (!second.IsCompleted)
        {
            var waiting = await editing.Server.WithDatabaseAsync(db => db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").SingleAsync());
            if (waiting > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < giveUp, "The second mutation neither finished nor waited for the content write lock within a minute.");
            await Task.Delay(10);
        }
    }
}
