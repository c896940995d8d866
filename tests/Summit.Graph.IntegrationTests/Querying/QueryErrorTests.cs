using System.Net;
using System.Text;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>Bad filters, orders, page sizes and cursors are GraphQL errors with a code, never a server error.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class QueryErrorTests(SummitServer server)
{
    [Theory]
    [InlineData("where: { and: [] }")]
    [InlineData("where: { or: [] }")]
    [InlineData("where: { title: { or: [] } }")]
    [InlineData("where: { title: { contains: null } }")]
    [InlineData("where: { title: { startsWithIgnoreCase: null } }")]
    [InlineData("where: { title: { in: null } }")]
    [InlineData("where: { slot: { startsAt: { gt: null } } }")]
    [InlineData("where: { event: { slotMinutes: { nin: null } } }")]
    public async Task UntranslatableFiltersAreFilterInvalid(string arguments)
    {
        var response = await server.PostAsync($"{{ sessions({arguments}) {{ nodes {{ slug }} }} }}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("FILTER_INVALID", response.FirstErrorCode);
        Assert.Null(response.Data?["sessions"]);
    }

    [Theory]
    [InlineData("where: { nosuchfield: { eq: 1 } }")]
    [InlineData("where: { title: { gt: \"A\" } }")]
    [InlineData("where: { kind: { contains: \"TALK\" } }")]
    [InlineData("order: [{ abstract: ASC }]")]
    [InlineData("where: { abstract: { eq: \"x\" } }")]
    [InlineData("order: [{ presenters: ASC }]")]
    public async Task FieldsTheInputTypesDoNotDeclareFailValidation(string arguments)
    {
        var response = await server.PostAsync($"{{ sessions({arguments}) {{ nodes {{ slug }} }} }}");

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.Status);
        Assert.NotNull(response.Errors);
        Assert.Null(response.Data);
    }

    [Theory]
    [InlineData("order: [{ title: ASC, slug: DESC }]")]
    [InlineData("order: [{ }]")]
    [InlineData("order: [{ slot: { } }]")]
    [InlineData("order: [{ slot: { startsAt: ASC, endsAt: DESC } }]")]
    public async Task OrderElementsNamingOtherThanOneFieldAreSortInvalid(string arguments)
    {
        var response = await server.PostAsync($"{{ sessions({arguments}) {{ nodes {{ slug }} }} }}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("SORT_INVALID", response.FirstErrorCode);
    }

    [Fact]
    public async Task TooLargeAPageNamesTheRequestedAndAllowedSizes()
    {
        var response = await server.PostAsync("{ sessions(first: 51) { nodes { slug } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("PAGING_MAX_PAGE_SIZE_EXCEEDED", response.FirstErrorCode);
        var message = response.Errors![0]!["message"]!.GetValue<string>();
        Assert.Contains("51", message, StringComparison.Ordinal);
        Assert.Contains("50", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLargestAllowedPageIsServed()
    {
        var response = await server.PostAsync("{ sessions(last: 50) { nodes { slug } } }");

        Assert.Null(response.Errors);
        Assert.Equal(Programme.Sessions, Programme.Strings(response.Data!["sessions"]!["nodes"]!, "slug"));
    }

    [Theory]
    [InlineData("first: 2, last: 2", "PAGING_INVALID")]
    [InlineData("first: -1", "PAGING_INVALID")]
    [InlineData("last: -1", "PAGING_INVALID")]
    [InlineData("last: 51", "PAGING_MAX_PAGE_SIZE_EXCEEDED")]
    public async Task InvalidPageSizesAreRefused(string arguments, string code)
    {
        var response = await server.PostAsync($"{{ sessions({arguments}) {{ nodes {{ slug }} }} }}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
    }

    [Fact]
    public async Task ACursorFromAnotherOrderIsRefused()
    {
        var data = await server.QueryAsync("{ sessions(first: 3, order: [{ title: DESC }]) { pageInfo { endCursor } } }");
        var cursor = data["sessions"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var response = await server.PostAsync("query($c: String) { sessions(first: 3, after: $c) { nodes { slug } } }", new { c = cursor });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("CURSOR_INVALID", response.FirstErrorCode);
        Assert.Contains("another order", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACursorIsAcceptedByTheSameOrderWithAnotherFilter()
    {
        var data = await server.QueryAsync("{ sessions(first: 3) { pageInfo { endCursor } } }");
        var cursor = data["sessions"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var slugs = await server.SessionSlugsAsync("after: $c, where: { kind: { neq: TALK } }", new { c = cursor }, "$c: String");

        Assert.Equal(["snapshots", "road-v1", "office-hours"], slugs);
    }

    public static TheoryData<string> GarbageCursors => new()
    {
        "not-a-cursor",
        "!!!!",
        string.Empty,
        Base64("null"),
        Base64("{\"a\":1}"),
        Base64("[1,2,3,4]"),
        Base64("[\"00000000\"]"),
        Base64("[\"00000000\",\"2021-02-09T14:00:00.0000000Z\",\"Welcome\",\"1\"]"),
    };

    [Theory]
    [MemberData(nameof(GarbageCursors))]
    public async Task GarbageCursorsAreRefused(string cursor)
    {
        foreach (var argument in new[] { "after", "before" })
        {
            var response = await server.PostAsync($"query($c: String) {{ sessions({(argument == "after" ? "first" : "last")}: 3, {argument}: $c) {{ nodes {{ slug }} }} }}", new { c = cursor });

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("CURSOR_INVALID", response.FirstErrorCode);
        }
    }

    [Fact]
    public async Task ACursorWithTheRightFingerprintButAMalformedValueIsRefused()
    {
        var data = await server.QueryAsync("{ sessions(first: 1) { pageInfo { endCursor } } }");
        var parts = DecodeParts(data["sessions"]!["pageInfo"]!["endCursor"]!.GetValue<string>());
        parts[1] = "yesterday";

        var response = await server.PostAsync("query($c: String) { sessions(first: 3, after: $c) { nodes { slug } } }", new { c = Base64(System.Text.Json.JsonSerializer.Serialize(parts)) });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("CURSOR_INVALID", response.FirstErrorCode);
    }

    private static string[] DecodeParts(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(base64))!;
    }

    private static string Base64(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
