using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>Queries read only the columns and joins their selection needs (checked in the SQL EF Core sends).</summary>
[Collection(SummitServerCollection.Name)]
public sealed class ProjectionTests(SummitServer server)
{
    [Fact]
    public async Task TitlesOnlyDoNotReadAbstracts()
    {
        var sql = await CaptureAsync("{ sessions(first: 5) { nodes { title } } }");

        var statement = Assert.Single(sql);
        Assert.Contains("\"Title\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Abstract", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("ProgrammeTitle", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbstractHtmlReadsOnlyTheHtmlColumn()
    {
        var sql = await CaptureAsync("""{ session(slug: "prow") { abstract { html } } }""");

        var statement = Assert.Single(sql);
        Assert.Contains("Abstract_Html", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Abstract_Markdown", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Abstract_PlainText", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlotIsJoinedOnlyWhenSelected()
    {
        var without = Assert.Single(await CaptureAsync("""{ session(slug: "prow") { title } }"""));
        var with = Assert.Single(await CaptureAsync("""{ session(slug: "prow") { title slot { startsAt } } }"""));

        Assert.DoesNotContain("\"Slots\"", without, StringComparison.Ordinal);
        // Joined through the slots' query filter: a subquery over "Slots" (those holding a published session).
        Assert.Contains("FROM \"Slots\"", with, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Track\"", with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedListsProjectTheirSelection()
    {
        var sql = await CaptureAsync("""{ session(slug: "snapshots") { presenters { name } } }""");

        Assert.Equal(2, sql.Count);
        var presenters = sql[1];
        Assert.Contains("\"Name\"", presenters, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Company\"", presenters, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Twitter\"", presenters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionReadsSortKeysButNotUnselectedColumns()
    {
        var sql = await CaptureAsync("{ presenters(first: 3, order: [{ company: ASC }]) { edges { cursor node { name } } } }");

        var statement = Assert.Single(sql);
        Assert.Contains("\"Company\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("\"GitHub\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("\"JobTitle\"", statement, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> CaptureAsync(string query)
    {
        using var capture = server.Sql.Start();
        await server.QueryAsync(query, noCache: true);
        return capture.Statements;
    }
}
