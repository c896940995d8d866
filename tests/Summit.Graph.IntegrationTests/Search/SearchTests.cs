using System.Net;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Search;

/// <summary>
/// <c>search</c> over the bundled 2021 summit, as an anonymous reader: titles, abstracts, names and companies ranked by
/// the database's full-text engine, names with a typo, paging without repeats, and hostile queries.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class SearchTests(SummitServer server)
{
    private const string Results = """
        query($query: String!, $first: Int, $after: String, $last: Int, $before: String) {
          search(query: $query, first: $first, after: $after, last: $last, before: $before) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor }
            nodes { __typename ... on Session { slug title } ... on Presenter { slug name company } }
          }
        }
        """;

    [Fact]
    public async Task TitleWordFindsItsSessionFirst()
    {
        var nodes = await NodesAsync("Prow");

        Assert.Equal(("Session", "prow"), Describe(nodes[0]));
        Assert.Equal("Avoid merging broken code with Prow", nodes[0].Text("title"));
    }

    [Fact]
    public async Task AbstractTextFindsItsSession()
    {
        var nodes = await NodesAsync("longhorn");

        Assert.Equal([("Session", "harvester")], nodes.Select(Describe));
    }

    [Fact]
    public async Task WordsAreFoundInTheirOtherForms()
    {
        var nodes = await NodesAsync("migrating");

        Assert.Contains(("Session", "sriov"), nodes.Select(Describe));
        Assert.Contains(("Session", "automated-migration"), nodes.Select(Describe));
    }

    [Fact]
    public async Task PresentersNameAndCompanyFindThePresenter()
    {
        var byName = await NodesAsync("Daniel Hiller");
        var byCompany = await NodesAsync("SUSE");

        Assert.Equal(("Presenter", "daniel-hiller"), Describe(byName[0]));
        Assert.Equal("Red Hat", byName[0].Text("company"));
        Assert.Contains(("Presenter", "sheng-yang"), byCompany.Select(Describe));
        Assert.All(byCompany.Where(n => n.Text("__typename") == "Presenter"), p => Assert.Equal("SUSE", p.Text("company")));
    }

    [Theory]
    [InlineData("Hiler", "daniel-hiller")]
    [InlineData("Daniel Hillr", "daniel-hiller")]
    [InlineData("Vosel", "david-vossel")]
    [InlineData("Henrikson", "michael-henriksen")]
    public async Task NameWithOneLetterWrongFindsThePerson(string query, string slug)
    {
        var nodes = await NodesAsync(query);

        Assert.Contains(("Presenter", slug), nodes.Select(Describe));
    }

    [Fact]
    public async Task PagingForwardAndBackWalksEveryResultOnce()
    {
        var all = await SearchAsync("kubevirt", new { first = 50 });
        var expected = all["nodes"]!.AsArray().Select(n => Describe(n!)).ToList();
        Assert.True(expected.Count > 10, $"Only {expected.Count} results for 'kubevirt'.");
        Assert.Equal(expected.Count, all.Number("totalCount"));

        var forward = new List<(string, string)>();
        string? after = null;
        bool more;
        do
        {
            var page = await SearchAsync("kubevirt", new { first = 4, after });
            forward.AddRange(page["nodes"]!.AsArray().Select(n => Describe(n!)));
            Assert.Equal(after is not null, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            more = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = page["pageInfo"].Text("endCursor");
        }
        while (more);

        var backward = new List<(string, string)>();
        string? before = null;
        do
        {
            var page = await SearchAsync("kubevirt", new { last = 4, before });
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => Describe(n!)));
            more = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>();
            before = page["pageInfo"].Text("startCursor");
        }
        while (more);

        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("\"\"\"")]
    [InlineData("(\"*:-^)")]
    [InlineData("!@#$%^&*()_+={}[]|;:'<>,.?/~`")]
    public async Task QueryWithoutWordsIsRefusedWithACode(string query)
    {
        await AssertRefusedAsync(query, "SEARCH_QUERY_EMPTY");
    }

    [Fact]
    public async Task LongQueriesAndTooManyWordsAreRefusedWithACode()
    {
        await AssertRefusedAsync(new string('a', 10 * 1024), "LIMIT_SEARCH_LENGTH");
        await AssertRefusedAsync(string.Join(' ', Enumerable.Range(1, 11).Select(i => $"word{i}")), "LIMIT_SEARCH_TERMS");
    }

    [Theory]
    [InlineData("\"prow")]
    [InlineData("prow\"")]
    [InlineData("prow*")]
    [InlineData("-prow")]
    [InlineData("prow:*")]
    [InlineData("^prow")]
    [InlineData("{prow}")]
    [InlineData("'prow'")]
    [InlineData("\\prow\\")]
    [InlineData("(prow")]
    [InlineData("prow & !")]
    public async Task SearchSyntaxAroundAWordIsIgnored(string query)
    {
        var nodes = await NodesAsync(query);

        Assert.Equal(("Session", "prow"), Describe(nodes[0]));
    }

    [Theory]
    [InlineData("NEAR(")]
    [InlineData("prow NEAR(merging")]
    [InlineData("prow OR")]
    [InlineData("'; DROP TABLE \"Sessions\"; --")]
    [InlineData("a:* & b | !c <-> d")]
    [InlineData("AND OR NOT")]
    public async Task OperatorsAreSearchedAsPlainWords(string query)
    {
        var response = await server.PostAsync(Results, new { query });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Errors);
        Assert.NotNull(response.Data?["search"]?["nodes"]);
        Assert.Equal(("Session", "prow"), Describe((await NodesAsync("prow"))[0]));
    }

    [Fact]
    public async Task CursorThatIsNotOneOrOfAnotherFieldIsRefusedWithACode()
    {
        var sessionsCursor = (await server.QueryAsync("{ sessions(first: 1) { pageInfo { endCursor } } }"))["sessions"]!["pageInfo"].Text("endCursor");

        foreach (var after in new[] { "bm90IGEgY3Vyc29y", sessionsCursor })
        {
            var response = await server.PostAsync(Results, new { query = "kubevirt", after });

            Assert.Equal("CURSOR_INVALID", response.FirstErrorCode);
            Assert.Null(response.Data?["search"]);
        }
    }

    private async Task AssertRefusedAsync(string query, string code)
    {
        var response = await server.PostAsync(Results, new { query });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
        Assert.Null(response.Data?["search"]);
    }

    private async Task<JsonNode> SearchAsync(string query, object paging)
    {
        var variables = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(paging))!.AsObject();
        variables["query"] = query;
        return (await server.QueryAsync(Results, variables))["search"]!;
    }

    private async Task<List<JsonNode>> NodesAsync(string query) =>
        [.. (await SearchAsync(query, new { first = 20 }))["nodes"]!.AsArray().Select(n => n!)];

    /// <summary>The first page of what <paramref name="query"/> finds, as (type, slug), read with <paramref name="key"/>.</summary>
    internal static async Task<List<(string Type, string Slug)>> FindAsync(SummitServer server, string query, string? key) =>
        [.. (await server.QueryAsync(Results, new { query }, key))["search"]!["nodes"]!.AsArray().Select(n => Describe(n!))];

    private static (string Type, string Slug) Describe(JsonNode node) => (node.Text("__typename"), node.Text("slug"));
}
