using System.Text.Json.Nodes;
using Summit.Graph.GraphQL;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>
/// Filters and sorts are derived from each entity's declaration, as HotChocolate derives them from the model: every
/// scalar and enum member of every filterable entity is filtered and sorted in SQL (<c>id</c> over global IDs,
/// <c>LocalDate</c>/<c>LocalTime</c> by value), and only what a declaration opts out of is missing.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class DerivedFilterAndSortTests(SummitServer server)
{
    /// <summary>Where each filterable entity is listed: the field with its paging, and the path to its items.</summary>
    private static readonly Dictionary<string, (string Field, string Items)> Lists = new()
    {
        ["Event"] = ("events(first: 50 ARGS)", "{ nodes { ITEM } }"),
        ["Day"] = ("days(ARGS)", "{ ITEM }"),
        ["Slot"] = ("slots(first: 50 ARGS)", "{ nodes { ITEM } }"),
        ["Session"] = ("sessions(first: 50 ARGS)", "{ nodes { ITEM } }"),
        ["Presenter"] = ("presenters(first: 50 ARGS)", "{ nodes { ITEM } }"),
        ["Link"] = ("event { links(ARGS)", "{ ITEM } }"),
    };

    public static TheoryData<string, string> ScalarMembers()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in SummitSchema.FilterableModels)
        {
            // Members declared with filterable: false and sortable: false (a draft's schedule) are in neither input.
            foreach (var member in model.Members.Where(m => m.Kind == MemberKind.Scalar && (m.Filterable || m.Sortable)))
            {
                data.Add(model.GraphTypeName, member.Name);
            }
        }

        return data;
    }

    [Fact]
    public void EveryFilterableEntityIsListedHere() =>
        Assert.Equal(SummitSchema.FilterableModels.Select(m => m.GraphTypeName).Order(), Lists.Keys.Order());

    [Theory]
    [MemberData(nameof(ScalarMembers))]
    public async Task EveryScalarMemberIsFilteredByEqualityAndSortedBothWays(string entity, string member)
    {
        var (field, items) = Lists[entity];
        string List(string variable, string type) =>
            $"query{(variable == "" ? "" : $"(${variable}: {type})")} {{ " +
            field.Replace(" ARGS", variable == "" ? "" : $", {variable}: ${variable}", StringComparison.Ordinal)
                .Replace("ARGS", variable == "" ? "" : $"{variable}: ${variable}", StringComparison.Ordinal).Replace("()", "", StringComparison.Ordinal) +
            " " + items.Replace("ITEM", member, StringComparison.Ordinal) + " }";

        var all = Items(await server.QueryAsync(List("", ""), null));
        Assert.NotEmpty(all);
        var value = all[0]![member]?.DeepClone();
        var matching = Items(await server.QueryAsync(List("where", entity + "FilterInput"), new Dictionary<string, object?>
        {
            ["where"] = new JsonObject { [member] = new JsonObject { ["eq"] = value } },
        }));
        Assert.NotEmpty(matching);
        Assert.All(matching, item => Assert.True(JsonNode.DeepEquals(value, item![member]), $"{entity}.{member} eq {value} answered {item![member]}"));

        foreach (var direction in new[] { "ASC", "DESC" })
        {
            var sorted = Items(await server.QueryAsync(List("order", $"[{entity}SortInput!]"), new Dictionary<string, object?>
            {
                ["order"] = new JsonArray(new JsonObject { [member] = direction }),
            }));
            Assert.Equal(all.Count, sorted.Count);
        }
    }

    /// <summary>Every derived sort key pages with keyset cursors: page by page gives the one-page order, nothing lost or repeated.</summary>
    [Theory]
    [MemberData(nameof(ScalarMembers))]
    public async Task EverySortKeyPagesWithCursors(string entity, string member)
    {
        var field = Lists[entity].Field;
        if (!field.Contains("first", StringComparison.Ordinal))
        {
            return; // Not a connection: nothing to page.
        }

        var root = field[..field.IndexOf('(', StringComparison.Ordinal)];
        var query = $"query($after: String, $first: Int) {{ {root}(first: $first, after: $after, order: [{{ {member}: DESC }}]) {{ nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}";
        var whole = (await server.QueryAsync(query, new { first = 50 }))[root]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();

        var paged = new List<string>();
        string? after = null;
        for (var page = 0; page < 50; page++)
        {
            var connection = (await server.QueryAsync(query, new { first = 3, after }))[root]!;
            paged.AddRange(connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task SessionsFilterByGlobalIds()
    {
        var ids = Items(await server.QueryAsync("{ sessions(first: 3) { nodes { id } } }")).Select(n => n!["id"]!.GetValue<string>()).ToArray();

        var found = Items(await server.QueryAsync("query($ids: [ID]) { sessions(where: { id: { in: $ids } }) { nodes { id } } }", new { ids = ids[..2] }));
        var excluded = Items(await server.QueryAsync("query($id: ID) { sessions(first: 50, where: { id: { neq: $id } }) { nodes { id } } }", new { id = ids[0] }));

        Assert.Equal(ids[..2].Order(), found.Select(n => n!["id"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(ids[0], excluded.Select(n => n!["id"]!.GetValue<string>()));
        Assert.Contains(ids[1], excluded.Select(n => n!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("RXZlbnQ6MQ==")] // Event:1, a valid ID of another type
    public async Task AnIdOfAnotherTypeOrNoIdIsACodedError(string id)
    {
        var response = await server.PostAsync("query($id: ID) { sessions(where: { id: { eq: $id } }) { nodes { id } } }", new { id });

        Assert.Equal("INVALID_ID", response.FirstErrorCode);
        Assert.Null(response.Data?["sessions"]);
    }

    [Fact]
    public async Task TheCasesHotChocolateFrontEndsSendWork()
    {
        var events = await server.QueryAsync("""{ events(where: { startDate: { gte: "2021-01-01" }, dailyStart: { lte: "23:00:00" } }) { nodes { startDate dailyStart } } }""");
        var days = await server.QueryAsync("query($d: LocalDate) { days(where: { date: { eq: $d } }) { date } }", new { d = "2021-02-09" });
        var ordered = await server.QueryAsync("{ sessions(first: 50, order: [{ kind: ASC }, { updatedAt: DESC }], where: { version: { gte: 1 }, updatedAt: { gt: \"2000-01-01T00:00:00Z\" } }) { nodes { kind } } }");
        var links = await server.QueryAsync("{ event { links(order: [{ kind: ASC }]) { kind } } }");
        var presenters = await server.QueryAsync("""{ presenters(first: 50, where: { or: [{ website: { neq: null } }, { linkedIn: { neq: null } }] }) { nodes { name } } }""");

        Assert.Equal("2021-02-09", Items(events)[0]!["startDate"]!.GetValue<string>());
        Assert.Equal("14:00:00", Items(events)[0]!["dailyStart"]!.GetValue<string>());
        Assert.Equal("2021-02-09", Items(days).Single()!["date"]!.GetValue<string>());
        var kinds = Items(ordered).Select(n => n!["kind"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(kinds);
        Assert.Equal(kinds.Order(StringComparer.Ordinal), kinds);
        Assert.NotNull(links["event"]!["links"]);
        Assert.NotNull(presenters["presenters"]);
    }

    [Theory]
    [InlineData("days(where: { date: { eq: \"2021-2-9\" } }) { date }")]
    [InlineData("days(where: { date: { eq: \"09/02/2021\" } }) { date }")]
    [InlineData("events(where: { dailyStart: { eq: \"2pm\" } }) { nodes { id } }")]
    [InlineData("events(where: { dailyStart: { eq: \"25:00:00\" } }) { nodes { id } }")]
    public async Task LocalDatesAndTimesInAnyOtherFormAreRefused(string field)
    {
        var response = await server.PostAsync($"{{ {field} }}");

        Assert.NotNull(response.Errors);
        Assert.Null(response.Data);
        Assert.Contains("Local", response.Errors!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The items of the one list in <paramref name="data"/>, wherever it is nested.</summary>
    private static List<JsonNode?> Items(JsonNode data)
    {
        var node = data;
        while (node is JsonObject item)
        {
            node = item.Count == 1 ? item.First().Value : item["nodes"];
        }

        return node is JsonArray array ? [.. array] : throw new InvalidOperationException($"No list in {data.ToJsonString()}");
    }
}
