using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// A connection's <c>totalCount</c> is counted once per filter and kept until the content changes: asking
/// again takes no statement for it, and any committed edit makes the next answer count again. Every request sends
/// <c>Cache-Control: no-cache</c>, so it runs rather than being answered from the response cache.
/// </summary>
public sealed class TotalCountTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Count = """query($text: String!) { sessions(first: 1, where: { title: { contains: $text } }) { totalCount } }""";

    private SummitServer Server => editing.Server;

    [Fact]
    public async Task ARepeatedCountTakesNoStatementUntilAnEditChangesIt()
    {
        var first = await Server.PostAsync(Count, new { text = "Kube" }, noCache: true);
        var again = await Server.PostAsync(Count, new { text = "Kube" }, noCache: true);
        var id = await EveryMutation.CreateSessionAsync(editing.Editor, "Kube counted again");
        await editing.Editor.SucceedAsync("publishSession", new { id, version = 1 }, "session { status }");
        var afterEdit = await Server.PostAsync(Count, new { text = "Kube" }, noCache: true);

        Assert.Equal((2, 1, 2), (first.SqlStatements, again.SqlStatements, afterEdit.SqlStatements));
        var total = TotalOf(first);
        Assert.True(total > 1, $"The filter should match several sessions; it matched {total}.");
        Assert.Equal(total, TotalOf(again));
        Assert.Equal(total + 1, TotalOf(afterEdit));
    }

    [Fact]
    public async Task EachFilterHasItsOwnCount()
    {
        var kube = await Server.PostAsync(Count, new { text = "KubeVirt" }, noCache: true);
        var migration = await Server.PostAsync(Count, new { text = "Migration" }, noCache: true);

        Assert.Equal((2, 2), (kube.SqlStatements, migration.SqlStatements));
        Assert.NotEqual(TotalOf(kube), TotalOf(migration));
        Assert.Equal(await CountInDatabaseAsync("Migration"), TotalOf(migration));
    }

    private static int TotalOf(GraphQLResponse response)
    {
        Assert.Null(response.Errors);
        return response.Data!["sessions"]!["totalCount"]!.GetValue<int>();
    }

    private Task<int> CountInDatabaseAsync(string text) =>
        Server.WithDatabaseAsync(db => Task.FromResult(db.Sessions.AsEnumerable().Count(s => s.Status == Summit.Graph.Data.Entities.PublicationStatus.Published && s.DeletedAt is null && s.Title.Contains(text, StringComparison.Ordinal))));
}
