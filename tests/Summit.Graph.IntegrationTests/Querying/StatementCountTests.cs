using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Data;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>
/// Nested lists are batch-loaded: the statements of a request depend on its shape, never on the rows returned. Requests
/// send <c>Cache-Control: no-cache</c>, so they run even when another test asked the same before.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class StatementCountTests(SummitServer server)
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public async Task SessionsWithPresentersAndLinksTakeThreeStatementsWhateverThePageSize(int pageSize)
    {
        var response = await server.PostAsync(
            "query($n: Int) { sessions(first: $n) { nodes { title presenters { name sessions { slug } } links { url } } } }",
            new { n = pageSize }, noCache: true);

        Assert.Null(response.Errors);
        Assert.Equal(pageSize, response.Data!["sessions"]!["nodes"]!.AsArray().Count);
        // sessions, their presenters, the presenters' sessions, the links.
        Assert.Equal(4, response.SqlStatements);
    }

    /// <summary>
    /// The plain statements of pollers and of the content version a mutation raises (<see cref="PlainStatements"/>) are
    /// no request's: counted on no database, SQLite included, whose connections count EF Core's commands themselves.
    /// </summary>
    [Fact]
    public async Task PlainStatementsAreNotCountedAndEfCoresQueriesAre()
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync();
        var counted = SqlStatementCounter.Begin();

        Assert.True(await PlainStatements.AnyAsync(db, "SELECT COUNT(*) FROM \"Sessions\"", CancellationToken.None));
        Assert.Equal(0, counted.Count);
        Assert.NotEmpty(await db.Sessions.Take(1).ToListAsync());
        Assert.Equal(1, counted.Count);
    }

    [Fact]
    public async Task FullScheduleTakesOneStatementPerLevel()
    {
        var response = await server.PostAsync(
            "{ event { days { slots { sessions { title presenters { name } } } } } }", noCache: true);

        Assert.Null(response.Errors);
        // event, days, slots, sessions, presenters.
        Assert.Equal(5, response.SqlStatements);
    }

    [Fact]
    public async Task NodesBatchIdsOfOneType()
    {
        var ids = await server.QueryAsync("{ sessions(first: 10) { nodes { id } } }");
        var list = ids["sessions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToArray();

        var response = await server.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = list }, noCache: true);

        Assert.Equal(10, response.Data!["nodes"]!.AsArray().Count);
        Assert.Equal(1, response.SqlStatements);
    }

    [Fact]
    public async Task TotalCountAndPreviousPageAreOnlyQueriedWhenAskedFor()
    {
        // A filter no other test asks for: a count already asked for is remembered (TotalCountTests).
        var unique = new { slug = Guid.NewGuid().ToString("N") };
        var plain = await server.PostAsync("query($slug: String) { sessions(first: 2, where: { slug: { neq: $slug } }) { nodes { title } } }", unique, noCache: true);
        var counted = await server.PostAsync("query($slug: String) { sessions(first: 2, where: { slug: { neq: $slug } }) { totalCount nodes { title } } }", unique, noCache: true);

        Assert.Equal(1, plain.SqlStatements);
        Assert.Equal(2, counted.SqlStatements);
        Assert.Equal(20, counted.Data!["sessions"]!["totalCount"]!.GetValue<int>());
    }
}
