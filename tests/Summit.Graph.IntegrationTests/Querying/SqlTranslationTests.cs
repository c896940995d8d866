using Microsoft.EntityFrameworkCore;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>Filter, order and page size all reach the database in one statement; nothing is evaluated row by row.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class SqlTranslationTests(SummitServer server)
{
    private const string Query = """
        query($n: Int) {
          sessions(first: $n, where: { kind: { eq: TALK }, presenters: { some: { company: { eq: "Red Hat" } } }, title: { containsIgnoreCase: "kubevirt" } }, order: [{ slot: { startsAt: DESC } }]) {
            nodes { slug }
          }
        }
        """;

    [Fact]
    public async Task WhereOrderAndFirstAreOneStatement()
    {
        using var capture = server.Sql.Start();
        var response = await server.PostAsync(Query, new { n = 2 }, noCache: true);
        var statements = capture.Statements;

        Assert.Null(response.Errors);
        Assert.Equal(["hco", "forklift"], Programme.Strings(response.Data!["sessions"]!["nodes"]!, "slug"));
        var sql = Assert.Single(statements);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains("lower(", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Red Hat", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("kubevirt", sql, StringComparison.Ordinal);
        // The null guard of text operations is dropped for a required column such as the title.
        Assert.DoesNotContain("IS NOT NULL", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStatementCountDoesNotGrowWithThePageSize()
    {
        var small = await server.PostAsync(Query, new { n = 2 }, noCache: true);
        var large = await server.PostAsync(Query, new { n = 20 }, noCache: true);

        Assert.Equal(["hco", "forklift", "sriov", "pci-passthrough", "hotplug", "upgrades", "tekton"], Programme.Strings(large.Data!["sessions"]!["nodes"]!, "slug"));
        Assert.Equal(1, small.SqlStatements);
        Assert.Equal(small.SqlStatements, large.SqlStatements);
    }

    [Fact]
    public async Task TheCursorConditionIsPartOfTheSameStatement()
    {
        var first = await server.QueryAsync("{ sessions(first: 3, order: [{ title: ASC }]) { pageInfo { endCursor } } }");
        var cursor = first["sessions"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        using var capture = server.Sql.Start();
        var response = await server.PostAsync("query($c: String) { sessions(first: 3, after: $c, order: [{ title: ASC }]) { nodes { slug } } }", new { c = cursor }, noCache: true);
        var statements = capture.Statements;

        Assert.Null(response.Errors);
        Assert.Equal(["prow", "templates", "cpu-pinning"], Programme.Strings(response.Data!["sessions"]!["nodes"]!, "slug"));
        var sql = Assert.Single(statements);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageByStartTimeReadsTheStartTimeIndexInsteadOfSortingEveryMatch()
    {
        using var capture = server.Sql.Start();
        var response = await server.PostAsync("""
            query($after: DateTime!) {
              sessions(first: 3, where: { slot: { startsAt: { gte: $after } } }, order: [{ slot: { startsAt: ASC } }, { title: ASC }]) {
                nodes { slug }
              }
            }
            """, new { after = "2021-02-10T00:00:00Z" }, noCache: true);
        var sql = Assert.Single(capture.Statements);

        Assert.Null(response.Errors);
        Assert.Equal(["sriov", "forklift", "hco"], Programme.Strings(response.Data!["sessions"]!["nodes"]!, "slug"));
        if (server.Provider == "PostgreSql")
        {
            // PostgreSQL sorts nulls last ascending, so the "is null" key the API's order needs stays.
            Assert.Contains("CASE", sql, StringComparison.Ordinal);
            return;
        }

        var plan = await server.WithDatabaseAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var reader = await command.ExecuteReaderAsync();
            var details = new List<string>();
            while (await reader.ReadAsync())
            {
                details.Add(reader.GetString(3));
            }

            return details;
        });
        Assert.DoesNotContain("CASE", sql, StringComparison.Ordinal);
        Assert.Contains(plan, step => step.Contains("IX_Slots_StartsAt", StringComparison.Ordinal));
        // Only ties of the start time are sorted ("RIGHT PART OF ORDER BY"), not the whole result.
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan);
    }
}
