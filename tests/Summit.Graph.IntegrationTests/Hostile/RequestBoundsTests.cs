using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Every dimension of a request that later work grows with is bounded before the work starts, with a coded error
/// that names its limit: argument values (width of <c>and</c>/<c>or</c>, depth, list lengths, sort terms), written
/// in the document or sent as variables, and the document itself (tokens, errors). Each case is tried at its limit,
/// just past it and ten times past it, over every transport, and the server answers normally afterwards.
/// </summary>
public sealed class RequestBoundsTests(HostileServer hostile) : IClassFixture<HostileServer>
{
    private const string SessionFilter = "query($w: SessionFilterInput) { sessions(first: 1, where: $w) { totalCount } }";
    private const string SessionOrder = "query($o: [SessionSortInput!]) { sessions(first: 1, order: $o) { totalCount } }";

    private SummitServer Server => hostile.Server;

    /// <summary>Named cases of oversized arguments, sent as variables: (document, variables, expected code or null when allowed).</summary>
    public static TheoryData<string, Transport> OversizedArguments()
    {
        var data = new TheoryData<string, Transport>();
        foreach (var name in ArgumentCases.Keys)
        {
            foreach (var transport in Transports.All)
            {
                data.Add(name, transport);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Query, JsonObject Variables, string? Code)> ArgumentCases = new()
    {
        ["or at the term limit"] = (SessionFilter, Filter(Terms("or", 50)), null),
        ["or past the term limit"] = (SessionFilter, Filter(Terms("or", 51)), "LIMIT_FILTER_TERMS"),
        ["or of 15,000 terms"] = (SessionFilter, Filter(Terms("or", 15_000)), "LIMIT_INPUT_LIST_LENGTH"),
        ["and of 12,000 terms"] = (SessionFilter, Filter(Terms("and", 12_000)), "LIMIT_INPUT_LIST_LENGTH"),
        ["values past the limit"] = (SessionFilter, Filter(ShortInLists(300)), "LIMIT_INPUT_VALUES"),
        ["in list at its limit"] = (SessionFilter, Filter(In(500)), null),
        ["in list past its limit"] = (SessionFilter, Filter(In(501)), "LIMIT_INPUT_LIST_LENGTH"),
        ["in list of 40,000"] = (SessionFilter, Filter(In(40_000)), "LIMIT_INPUT_LIST_LENGTH"),
        ["nesting at the depth limit"] = (SessionFilter, Filter(Nested(5, "slug", "hotplug")), null),
        ["nesting past the depth limit"] = (SessionFilter, Filter(Nested(6, "slug", "hotplug")), "LIMIT_INPUT_DEPTH"),
        ["nesting 120 levels"] = (SessionFilter, Filter(Nested(59, "slug", "hotplug")), "LIMIT_INPUT_DEPTH"),
        ["some chain past the depth limit"] = (SessionFilter, Filter(new JsonObject { ["presenters"] = new JsonObject { ["some"] = Nested(5, "name", "Alexander Wels") } }), "LIMIT_INPUT_DEPTH"),
        ["order at its limit"] = (SessionOrder, Order(10), null),
        ["order past its limit"] = (SessionOrder, Order(11), "LIMIT_SORT_TERMS"),
        ["order of 110 terms"] = (SessionOrder, Order(110), "LIMIT_SORT_TERMS"),
        ["nodes past the list limit"] = ("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new JsonObject { ["ids"] = Ids(501) }, "LIMIT_INPUT_LIST_LENGTH"),
        ["nodes ten times past it"] = ("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new JsonObject { ["ids"] = Ids(5_010) }, "LIMIT_INPUT_LIST_LENGTH"),
    };

    [Theory]
    [MemberData(nameof(OversizedArguments))]
    public async Task ArgumentValuesAreBoundedOverEveryTransport(string name, Transport transport)
    {
        var (query, variables, code) = ArgumentCases[name];

        var answer = await Server.SendAsync(transport, new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() });

        // Both WebSocket protocols refuse a message they cannot take by closing: 1009 (Message Too Big) over the socket's
        // size limit, 4400 for a message that is not the protocol's JSON (nested past System.Text.Json's depth).
        var refusedBySize = transport.IsWebSocket() && answer.Body is "closed 1009" or "closed 4400";
        Assert.True(code == answer.FirstErrorCode || (code is not null && refusedBySize), $"{name}: expected {code ?? "no error"}, got {answer}");
        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.SwitchingProtocols, answer.ToString());
        if (code is not null && transport is Transport.Post or Transport.Get)
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Matches(@"at most [\d,]+ (are allowed|levels)|more than [\d,]+ values \(GraphQL:Limits:", answer.Body);
        }

        await AssertServesAsync();
    }

    [Fact]
    public async Task FiltersWrittenInTheDocumentAreBoundedLikeVariables()
    {
        var terms = string.Join(", ", Enumerable.Range(0, 51).Select(i => $$"""{ slug: { eq: "a{{i}}" } }"""));

        var response = await Server.PostJsonAsync($"{{ sessions(where: {{ or: [{terms}] }}) {{ totalCount }} }}");

        response.AssertRefused(HttpStatusCode.BadRequest, "at most 50 are allowed (GraphQL:Limits:MaxFilterTerms)");
        Assert.Equal("LIMIT_FILTER_TERMS", response.FirstErrorCode);
        Assert.Equal(0, response.SqlStatements);
    }

    [Fact]
    public async Task AFilterAtItsLimitsRunsAsSql()
    {
        var response = await Server.PostJsonAsync(SessionFilter, Filter(Terms("or", 50)));

        Assert.True(response.Errors is null, response.Body);
        Assert.Equal(1, response.Data!["sessions"]!["totalCount"]!.GetValue<int>());
    }

    /// <summary>Documents whose parsing and validation would take seconds: refused before parsing, with a small answer.</summary>
    public static TheoryData<string, string, string> OversizedDocuments() => new()
    {
        { "20,000 directives on one field", "{ event { slug" + Repeat(" @skip(if: false)", 20_000) + " } }", "LIMIT_DOCUMENT_LENGTH" },
        { "30,000 unused variables", "query(" + string.Join(' ', Enumerable.Range(0, 30_000).Select(i => $"$v{i}: Int")) + ") { event { slug } }", "LIMIT_DOCUMENT_LENGTH" },
        { "60,000 unknown arguments", "{ event(" + string.Join(' ', Enumerable.Range(0, 60_000).Select(i => $"a{i}: 1")) + ") { slug } }", "LIMIT_DOCUMENT_LENGTH" },
        { "40,000 aliases", "{ " + string.Join(' ', Enumerable.Range(0, 40_000).Select(i => $"a{i}: __typename")) + " }", "LIMIT_DOCUMENT_LENGTH" },
        { "100,001 characters", "{ event { slug } } #" + new string('x', 100_001 - 20), "LIMIT_DOCUMENT_LENGTH" },
        { "4,001 tokens", "{ " + Repeat("__typename ", 3_999) + "}", "LIMIT_TOKENS" },
        { "8,000 directives within the length", "{ event { slug" + Repeat(" @skip(if: false)", 5_000) + " } }", "LIMIT_TOKENS" },
    };

    [Theory]
    [MemberData(nameof(OversizedDocuments))]
    public async Task LargeDocumentsAreRefusedBeforeParsing(string name, string query, string code)
    {
        var response = await Server.PostJsonAsync(query);
        var overGet = await Server.SendAsync(Transport.Get, new JsonObject { ["query"] = query.Length < 60_000 ? query : query[..60_000] });

        response.AssertRefused(HttpStatusCode.BadRequest, code == "LIMIT_TOKENS" ? "tokens (GraphQL:Limits:MaxTokens)" : "(GraphQL:Limits:MaxDocumentLength)");
        Assert.Equal(code, response.FirstErrorCode);
        Assert.True(response.Body.Length < 10_000, $"{name}: {response.Body.Length:N0} bytes of answer");
        Assert.NotEqual(HttpStatusCode.InternalServerError, overGet.Status);
        await AssertServesAsync();
    }

    [Fact]
    public async Task ADocumentAtTheLengthLimitIsLexed()
    {
        var query = "{ event { slug } } #" + new string('x', 100_000 - 20);

        var response = await Server.PostJsonAsync(query);

        Assert.True(response.Errors is null, HostileRequests.Truncate(response.Body));
    }

    [Fact]
    public async Task ADocumentAtTheTokenLimitIsParsedAndValidated()
    {
        // 2 + 3,998 = 4,000 tokens: parsed, then refused by a bound of the parsed document.
        var response = await Server.PostJsonAsync("{ " + Repeat("__typename ", 3_998) + "}");

        Assert.Equal("LIMIT_FIELD_REPEATS", response.FirstErrorCode);
    }

    /// <summary>Documents within the token limit whose validation makes an error per node: validation stops at the budget.</summary>
    public static TheoryData<string, string, string> ErrorfulDocuments() => new()
    {
        { "3,990 unknown fields", "{ " + string.Join(' ', Enumerable.Range(0, 3_990).Select(i => $"unknown{i}")) + " }", "FIELDS_ON_CORRECT_TYPE" },
        { "1,320 unknown arguments", "{ event(" + string.Join(' ', Enumerable.Range(0, 1_320).Select(i => $"a{i}: 1")) + ") { slug } }", "KNOWN_ARGUMENT_NAMES" },
        { "1,990 unknown directives", "{ event { slug " + string.Join(' ', Enumerable.Range(0, 1_990).Select(i => $"@d{i}")) + " } }", "KNOWN_DIRECTIVES" },
        { "990 variables of unknown types", "query(" + string.Join(' ', Enumerable.Range(0, 990).Select(i => $"$v{i}: T{i}")) + ") { event { slug } }", "VARIABLES_ARE_INPUT_TYPES" },
    };

    [Theory]
    [MemberData(nameof(ErrorfulDocuments))]
    public async Task ValidationStopsAtTheErrorBudget(string name, string query, string firstCode)
    {
        var response = await Server.PostJsonAsync(query);

        var errors = response.Errors!;
        Assert.True(HttpStatusCode.BadRequest == response.Status, $"{name}: {HostileRequests.Truncate(response.Body)}");
        Assert.Equal(firstCode, response.FirstErrorCode);
        Assert.Equal(21, errors.Count);
        Assert.Equal("LIMIT_ERRORS", errors[20]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Validation stopped after 20 errors (GraphQL:Limits:MaxErrors); the document may hold more.", errors[20]!["message"]!.GetValue<string>());
        Assert.True(response.Body.Length < 10_000, $"{name}: {response.Body.Length:N0} bytes of answer");
        await AssertServesAsync();
    }

    [Fact]
    public async Task ADocumentWithFewErrorsReportsThemAll()
    {
        var response = await Server.PostJsonAsync("{ " + string.Join(' ', Enumerable.Range(0, 19).Select(i => $"unknown{i}")) + " }");

        Assert.Equal(19, response.Errors!.Count);
        Assert.All(response.Errors, error => Assert.Equal("FIELDS_ON_CORRECT_TYPE", error!["extensions"]!["code"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(200, 200, null)]
    [InlineData(201, 200, "LIMIT_FRAGMENT_SPREADS")]
    [InlineData(1_290, 200, "LIMIT_FRAGMENT_SPREADS")]
    [InlineData(1_990, 0, "LIMIT_FRAGMENT_SPREADS")]
    public async Task FragmentSpreadsAreBoundedBeforeValidation(int spreads, int defined, string? code)
    {
        // Distinct fragments (or, with none defined, distinct unknown names): the overlapping-fields rule compares
        // every two of them.
        var query = "{ " + string.Join(' ', Enumerable.Range(0, spreads).Select(i => $"...F{(defined == 0 ? i : i % defined)}")) + " } "
            + string.Join(' ', Enumerable.Range(0, defined).Select(i => $"fragment F{i} on Query {{ __typename }}"));

        var response = await Server.PostJsonAsync(query);

        Assert.True(code == response.FirstErrorCode, HostileRequests.Truncate(response.Body));
        if (code is not null)
        {
            response.AssertRefused(HttpStatusCode.BadRequest, "(GraphQL:Limits:MaxFragmentSpreads)");
        }
    }

    [Fact]
    public async Task LargeNewAnonymousDocumentsCountAgainstTheExpensiveQueryRate()
    {
        using var limited = Server.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:ExpensiveQueriesPerSecond", "1").UseSetting("RateLimits:ExpensiveQueryBurst", "1"));
        using var client = limited.CreateClient();
        string Large(int i) => $"query Q{i} {{ " + Repeat("__typename ", 1_001) + "}";

        using var first = await client.SendAsync(Hardening.Requests.Post(Large(1)));
        using var second = await client.SendAsync(Hardening.Requests.Post(Large(2)));
        using var small = await client.SendAsync(Hardening.Requests.Post("{ event { slug } }"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("LIMIT_RATE", await Hardening.Requests.FirstErrorCodeAsync(second));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    private async Task AssertServesAsync()
    {
        var data = await Server.QueryAsync("{ sessions(first: 2) { totalCount nodes { slug } } }");
        Assert.Equal(2, data["sessions"]!["nodes"]!.AsArray().Count);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static JsonObject Filter(JsonObject where) => new() { ["w"] = where };

    /// <summary><c>{op: [{slug: {eq: "a0"}}, ...]}</c>: the first term matches the bundled "hotplug" session.</summary>
    private static JsonObject Terms(string op, int count) => new()
    {
        [op] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["slug"] = new JsonObject { ["eq"] = i == 0 ? "hotplug" : $"a{i}" } })]),
    };

    private static JsonObject In(int count) => new()
    {
        ["slug"] = new JsonObject { ["in"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)JsonValue.Create($"s{i}"))]) },
    };

    /// <summary>
    /// <paramref name="wraps"/> nested <c>and</c>s around <c>{field: {eq: value}}</c>: an object and a list each, so
    /// 2 + 2 × wraps levels of input.
    /// </summary>
    private static JsonObject Nested(int wraps, string field, string value)
    {
        var where = new JsonObject { [field] = new JsonObject { ["eq"] = value } };
        for (var i = 0; i < wraps; i++)
        {
            where = new JsonObject { ["and"] = new JsonArray(where) };
        }

        return where;
    }

    /// <summary><c>{or: [{slug: {in: [5 values]}}, ...]}</c>: every list short, 8 values a term.</summary>
    private static JsonObject ShortInLists(int terms) => new()
    {
        ["or"] = new JsonArray([.. Enumerable.Range(0, terms).Select(_ => (JsonNode)In(5))]),
    };

    private static JsonObject Order(int count) => new()
    {
        ["o"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { [i % 2 == 0 ? "title" : "slug"] = "ASC" })]),
    };

    private static JsonArray Ids(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Session:{i}")))))]);
}
