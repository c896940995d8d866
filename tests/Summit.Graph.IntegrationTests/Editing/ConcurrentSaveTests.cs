using System.Text.Json.Nodes;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// Another editor's mutation that commits after a mutation's checks and before its save, so that the database refuses
/// the save (a unique slug or date taken, a version moved on, a row it refers to removed): the mutation answers
/// exactly what it answers when it comes after the other one, never an uncoded error or an error outside its union.
/// On PostgreSQL the other commit lands in that gap (<see cref="ConcurrentCommits"/>). SQLite lets one writer at a time
/// begin (<c>BEGIN IMMEDIATE</c>), so no commit can land there and the other mutation simply comes first.
/// </summary>
public sealed class ConcurrentSaveTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private Editor Alice => editing.Editor;

    private Editor Bob => editing.OtherEditor;

    public static TheoryData<string> Races => ["createSession", "createPresenter", "addDay", "updateSession", "restoreSession", "addSlot"];

    [Theory]
    [MemberData(nameof(Races))]
    public async Task AMutationWhoseSaveAnotherCommitDefeatsAnswersAsIfItCameSecond(string race)
    {
        var (mutation, input, entity, other) = await ArrangeAsync(race);

        var raced = await InterleaveAsync(entity, other, () => Alice.MutateAsync(mutation, input));
        var sequential = await Alice.MutateAsync(mutation, input);

        Assert.True(raced["errors"] is JsonArray { Count: 1 }, $"{mutation} did not fail: {raced.AsJson()}");
        Assert.Equal(sequential["errors"].AsJson(), raced["errors"].AsJson());
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

    /// <summary>Alice's mutation and input, the entity its save writes, and Bob's mutation that defeats it.</summary>
    private async Task<(string Mutation, object Input, Type Entity, Func<Task> Other)> ArrangeAsync(string race)
    {
        var eventId = (await Alice.EventAsync()).Text("id");
        var unique = Guid.NewGuid().ToString("N")[..8];
        switch (race)
        {
            case "createSession":
                var session = new { eventId, title = "Raced session", slug = $"raced-{unique}" };
                return ("createSession", session, typeof(Session), () => Bob.SucceedAsync("createSession", session with { title = "Bob's session" }));
            case "createPresenter":
                var presenter = new { name = "Raced Person", slug = $"raced-{unique}" };
                return ("createPresenter", presenter, typeof(Presenter), () => Bob.SucceedAsync("createPresenter", presenter with { name = "Bob's Person" }));
            case "addDay":
                var day = new { eventId, startsAt = "2021-02-20T14:00:00Z", endsAt = "2021-02-20T19:00:00Z" };
                return ("addDay", day, typeof(Day), () => Bob.SucceedAsync("addDay", day with { endsAt = "2021-02-20T18:00:00Z" }));
            case "updateSession":
                var id = await EveryMutation.CreateSessionAsync(Alice, $"Updated at once {unique}");
                return ("updateSession", new { id, version = 1, title = "Alice's title" }, typeof(Session), () => Bob.SucceedAsync("updateSession", new { id, version = 1, title = "Bob's title" }));
            case "restoreSession":
                var deleted = await EveryMutation.CreateSessionAsync(Alice, $"Restored at once {unique}");
                await Alice.SucceedAsync("deleteSession", new { id = deleted, version = 1 });
                return ("restoreSession", new { id = deleted }, typeof(Session), () => Bob.SucceedAsync("restoreSession", new { id = deleted }));
            case "addSlot":
                var dayId = await EveryMutation.AddDayAsync(Alice, "2021-02-21");
                return ("addSlot", new { dayId, startsAt = "2021-02-21T14:00:00Z", endsAt = "2021-02-21T14:30:00Z" }, typeof(Slot), () => Bob.SucceedAsync("removeDay", new { id = dayId, version = 1 }));
            default:
                throw new ArgumentOutOfRangeException(nameof(race));
        }
    }

    private async Task<JsonNode> InterleaveAsync(Type entity, Func<Task> other, Func<Task<JsonNode>> mine)
    {
        if (editing.Server.Provider == "Sqlite")
        {
            await other();
            return await mine();
        }

        var commits = editing.Server.ConcurrentCommits;
        commits.BeforeNextSaveOf(entity, other);
        var answer = await mine();
        Assert.True(commits.Ran, "The other commit did not land between the checks and the save.");
        return answer;
    }
}
