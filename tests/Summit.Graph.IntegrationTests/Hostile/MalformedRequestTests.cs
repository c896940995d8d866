using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Requests no client should send: each gets its exact 4xx (or the 200 with errors the GraphQL-over-HTTP spec
/// asks for), a GraphQL error body without internals, and leaves every table as it was. All of them carry an
/// editor key, so a refusal is never just the missing permission.
/// </summary>
public sealed class MalformedRequestTests(HostileServer editing) : IClassFixture<HostileServer>
{
    private const string SessionsQuery = "query($slug: String!) { session(slug: $slug) { slug } }";

    private SummitServer Server => editing.Server;

    private string Key => editing.Editor.Key;

    public static TheoryData<string, string> InvalidJson => new()
    {
        { "truncated object", """{"query": "{ event { slug } }" """ },
        { "trailing garbage", """{"query": "{ event { slug } }"} x""" },
        { "single quotes", "{'query': '{ event { slug } }'}" },
        { "comment", """{"query": "{ event { slug } }" /* hi */}""" },
        { "NaN", """{"query": "{ event { slug } }", "variables": {"x": NaN}}""" },
        { "unterminated string", """{"query": "{ event { slug } }""" },
        { "lone surrogate escape", """{"query": "{ event { slug } }", "variables": {"slug": "\uD800"}, }""" },
        { "control character in string", "{\"query\": \"{ event {\u0001 slug } }\"}" },
    };

    [Theory]
    [MemberData(nameof(InvalidJson))]
    public async Task InvalidJsonIs400AndChangesNothing(string name, string body)
    {
        await AssertUnchangedAsync(async () =>
            (await Server.PostRawAsync(body, bearerKey: Key)).AssertRefused(HttpStatusCode.BadRequest, "not valid JSON"));
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task BodiesThatAreNotJsonAre415(string? contentType)
    {
        var body = """{"query":"mutation { createPresenter(input: {name: \"Mallory\"}) { presenter { id } } }"}""";

        await AssertUnchangedAsync(async () =>
            (await Server.PostRawAsync(Encoding.UTF8.GetBytes(body), contentType, bearerKey: Key)).AssertRefused(HttpStatusCode.UnsupportedMediaType, "application/json"));
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("   ", "not valid JSON")]
    [InlineData("null", "JSON object")]
    [InlineData("{}", "no 'query'")]
    [InlineData("[]", "holds 0")]
    [InlineData("""{"query": ""}""", "no 'query'")]
    [InlineData("""{"query": null}""", "no 'query'")]
    [InlineData("""{"query": "   "}""", "no 'query'")]
    public async Task EmptyBodiesAre400(string body, string message)
    {
        await AssertUnchangedAsync(async () =>
            (await Server.PostRawAsync(body, bearerKey: Key)).AssertRefused(HttpStatusCode.BadRequest, message));
    }

    [Fact]
    public async Task AFiveMegabyteQueryIs413()
    {
        var query = "{ event { " + new string('a', 5 * 1024 * 1024) + " } }";

        await AssertUnchangedAsync(async () =>
        {
            var response = await Server.PostJsonAsync(query, bearerKey: Key);

            response.AssertRefused(HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal("LIMIT_BODY_SIZE", response.FirstErrorCode);
        });
    }

    [Fact]
    public async Task ALongVariableFindsNothingAndTooLongANameIsAValidationErrorAndAMegabyteIsRefused()
    {
        // At GraphQL:Limits:MaxInputStringLength: looked up, and a ValidationError for a name; past it refused whole.
        var longest = new string('x', 65_536);
        var megabyte = new string('x', 1_000_000);

        await AssertUnchangedAsync(async () =>
        {
            var lookup = await Server.PostJsonAsync(SessionsQuery, new { slug = longest }, Key);
            Assert.Equal(HttpStatusCode.OK, lookup.Status);
            Assert.Null(lookup.Errors);
            Assert.Equal("null", lookup.Data!["session"].AsJson());

            var payload = await editing.Editor.MutateAsync("createPresenter", new { name = longest });
            Assert.Equal("ValidationError", payload["errors"]![0]!["__typename"]!.GetValue<string>());

            var refused = await Server.PostJsonAsync(SessionsQuery, new { slug = megabyte }, Key);
            refused.AssertRefused(HttpStatusCode.BadRequest, "(GraphQL:Limits:MaxInputStringLength)");
            Assert.Equal("LIMIT_INPUT_STRING_LENGTH", refused.FirstErrorCode);
        });
    }

    [Theory]
    [InlineData("""{"and":""", "}", "filter objects")]
    [InlineData("[", "]", "lists")]
    public async Task VariablesNestedTenThousandDeepAre400(string open, string close, string shape)
    {
        var nested = string.Concat(Enumerable.Repeat(open, 10_000)) + "{}" + string.Concat(Enumerable.Repeat(close, 10_000));
        var body = "{\"query\":\"query($w: SessionFilterInput) { sessions(where: $w) { totalCount } }\",\"variables\":{\"w\":" + nested + "}}";

        await AssertUnchangedAsync(async () =>
        {
            var response = await Server.PostRawAsync(body, bearerKey: Key);
            response.AssertRefused(HttpStatusCode.BadRequest, "more than 64 levels deep; at most 64 are allowed");
            Assert.Equal("LIMIT_INPUT_DEPTH", response.FirstErrorCode);
        });
        Assert.NotEmpty(shape);
    }

    [Fact]
    public async Task ADocumentNestedAThousandDeepIs400()
    {
        // 3,003 tokens, within GraphQL:Limits:MaxTokens: the parser's own depth guard refuses it.
        var query = "{ event " + string.Concat(Enumerable.Repeat("{ days ", 1_000)) + string.Concat(Enumerable.Repeat("} ", 1_001));

        await AssertUnchangedAsync(async () =>
            (await Server.PostJsonAsync(query, bearerKey: Key)).AssertRefused(HttpStatusCode.BadRequest, "not valid GraphQL"));
    }

    public static TheoryData<string, string> InvalidIds => new()
    {
        { "base64 garbage", "!!!not-base64!!!" },
        { "base64 of nothing useful", Convert.ToBase64String(Encoding.UTF8.GetBytes("garbage")) },
        { "unknown type", Id("Spaceship:1") },
        { "negative key", Id("Presenter:-1") },
        { "zero key", Id("Presenter:0") },
        { "overflowing key", Id("Presenter:99999999999999999999") },
        { "key with spaces", Id("Presenter: 1") },
        { "empty", "" },
        { "very long", new string('A', 60_000) },
        { "invalid UTF-8 inside", Convert.ToBase64String([0x50, 0xff, 0xfe, 0x3a, 0x31]) },
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task InvalidGlobalIdsInMutationsAreAValidationErrorOnTheId(string name, string id)
    {
        await AssertUnchangedAsync(async () =>
        {
            var errors = await editing.Editor.FailAsync("updatePresenter", new { id, version = 1, name = "Mallory" });

            Assert.Contains("\"__typename\":\"ValidationError\"", errors, StringComparison.Ordinal);
            Assert.Contains("\"path\":[\"input\",\"id\"]", errors, StringComparison.Ordinal);
        });
        Assert.NotEmpty(name);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task InvalidGlobalIdsInNodeAreINVALID_ID(string name, string id)
    {
        var response = await Server.PostJsonAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, Key);

        response.AssertRefused(HttpStatusCode.OK);
        Assert.Equal("INVALID_ID", response.FirstErrorCode);
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task AnotherTypesIdIsAValidationErrorInMutationsAndNullInNode()
    {
        var session = (await editing.Editor.SessionAsync("vfx")).Text("id");

        await AssertUnchangedAsync(async () =>
        {
            var errors = await editing.Editor.FailAsync("updatePresenter", new { id = session, version = 1, name = "Mallory" });

            Assert.Contains("is not the ID of a Presenter", errors, StringComparison.Ordinal);
        });
        var presenter = await Server.PostJsonAsync("query($id: ID!) { presenter: node(id: $id) { ... on Presenter { name } } }", new { id = session }, Key);
        Assert.Null(presenter.Errors);
        Assert.Equal("{}", presenter.Data!["presenter"].AsJson());
    }

    [Fact]
    public async Task AWellFormedIdOfNoObjectIsNull()
    {
        var response = await Server.PostJsonAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Id("Presenter:2147483647") }, Key);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Errors);
        Assert.Equal("null", response.Data!["node"].AsJson());
    }

    public static TheoryData<string, string> WrongVariables => new()
    {
        { "query($first: Int) { sessions(first: $first) { totalCount } }", """{"first": "ten"}""" },
        { "query($first: Int) { sessions(first: $first) { totalCount } }", """{"first": 3000000000}""" },
        { "query($first: Int) { sessions(first: $first) { totalCount } }", """{"first": 1.5}""" },
        { SessionsQuery, """{"slug": 42}""" },
        { SessionsQuery, """{"slug": null}""" },
        { SessionsQuery, """{"slug": {"a": 1}}""" },
        { SessionsQuery, """{"slug": ["vfx"]}""" },
        { SessionsQuery, "{}" },
        { "query($w: SessionFilterInput) { sessions(where: $w) { totalCount } }", """{"w": {"noSuchField": {"eq": "x"}}}""" },
        { "query($w: SessionFilterInput) { sessions(where: $w) { totalCount } }", """{"w": {"kind": {"eq": "NOT_A_KIND"}}}""" },
        { "query($w: SessionFilterInput) { sessions(where: $w) { totalCount } }", """{"w": {"title": {"in": [1, 2]}}}""" },
        { "mutation($input: CreatePresenterInput!) { createPresenter(input: $input) { presenter { id } } }", """{"input": {"name": 7}}""" },
        { "mutation($input: CreatePresenterInput!) { createPresenter(input: $input) { presenter { id } } }", """{"input": {"nome": "Mallory"}}""" },
    };

    [Theory]
    [MemberData(nameof(WrongVariables))]
    public async Task VariablesOfTheWrongTypeAre400BeforeAnythingRuns(string query, string variables)
    {
        var body = $$"""{"query": {{JsonValue.Create(query).AsJson()}}, "variables": {{variables}}}""";

        await AssertUnchangedAsync(async () =>
        {
            var response = await Server.PostRawAsync(body, bearerKey: Key);

            response.AssertRefused(HttpStatusCode.BadRequest);
            Assert.Null(response.Data);
        });
    }

    [Theory]
    [InlineData("B")]
    [InlineData("")]
    [InlineData("a'; DROP TABLE \"Presenters\"; --")]
    public async Task UnknownOperationNamesAre400(string operationName)
    {
        var query = "query A { event { slug } } mutation M { createPresenter(input: {name: \"Mallory\"}) { presenter { id } } }";

        await AssertUnchangedAsync(async () =>
            (await Server.PostJsonAsync(query, bearerKey: Key, operationName: operationName)).AssertRefused(HttpStatusCode.BadRequest, "operation"));
    }

    [Theory]
    [InlineData("mutation { createPresenter(input: {name: \"Mallory\"}) { presenter { id } } }", null)]
    [InlineData("query A { event { slug } } mutation M { createPresenter(input: {name: \"Mallory\"}) { presenter { id } } }", "M")]
    public async Task MutationsOverGetAre405EvenWithAnEditorKey(string query, string? operationName)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query) + (operationName is null ? "" : "&operationName=" + operationName);

        await AssertUnchangedAsync(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
            var response = await Server.SendAsync(request, HostileRequests.GraphQLResponse);

            response.AssertRefused(HttpStatusCode.MethodNotAllowed, "use POST");
            Assert.Equal(["POST"], response.Allow);
        });
    }

    public static TheoryData<string, byte[]> InvalidUtf8 => new()
    {
        { "lone continuation byte in the query", Bytes("{\"query\":\"{ session(slug: \\\"", [0x80], "\\\") { slug } }\"}") },
        { "truncated sequence in a variable", Bytes("""{"query":"query($s: String!) { session(slug: $s) { slug } }","variables":{"s":" """, [0xe2, 0x82], "\"}}") },
        { "overlong encoding of a quote", Bytes("""{"query":"{ event { slug } }","x":" """, [0xc0, 0xa2], "\"}") },
        { "invalid byte outside strings", Bytes("""{"query":"{ event { slug } }" """, [0xff, 0xfe], "}") },
        { "UTF-16 surrogate encoded as UTF-8", Bytes("""{"query":"{ event { slug } }","x":" """, [0xed, 0xa0, 0x80], "\"}") },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task InvalidUtf8IsRefusedAs400(string name, byte[] body)
    {
        await AssertUnchangedAsync(async () =>
            (await Server.PostRawAsync(body, "application/json", bearerKey: Key)).AssertRefused(HttpStatusCode.BadRequest));
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task InvalidUtf8InAGetQueryStringIsRefusedAs400()
    {
        var response = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B%20event%20%7B%20%FF%FE%20%7D%20%7D"), HostileRequests.GraphQLResponse);

        response.AssertRefused(HttpStatusCode.BadRequest);
    }

    private async Task AssertUnchangedAsync(Func<Task> hostile)
    {
        var before = await Server.DumpDatabaseAsync();
        await hostile();
        var after = await Server.DumpDatabaseAsync();
        Assert.Equal(before, after);
    }

    private static string Id(string raw) => Convert.ToBase64String(Encoding.UTF8.GetBytes(raw));

    private static byte[] Bytes(string before, byte[] bytes, string after) => [.. Encoding.UTF8.GetBytes(before), .. bytes, .. Encoding.UTF8.GetBytes(after)];
}
