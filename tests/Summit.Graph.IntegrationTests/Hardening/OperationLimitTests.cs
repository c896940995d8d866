using System.Net;
using System.Text;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>Abusive operations are refused during validation, with the limit's name and code, before any SQL runs.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class OperationLimitTests(SummitServer server)
{
    [Fact]
    public async Task DeepOperationsAreRefusedBeforeAnySqlRuns()
    {
        // The operation's selection set, sessions, nodes, then (presenters, sessions) seven times: 17 levels.
        var nested = string.Concat(Enumerable.Repeat("presenters { sessions { ", 7)) + "slug" + new string('}', 14);
        var response = await server.PostAsync($"{{ sessions {{ nodes {{ {nested} }} }} }}");

        Assert.Equal("LIMIT_DEPTH", response.FirstErrorCode);
        Assert.Equal("The operation is 17 levels deep; at most 15 are allowed (GraphQL:Limits:MaxDepth).", response.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal(0, response.SqlStatements);
    }

    [Fact]
    public async Task ComplexityCountsEachListByItsPageSize()
    {
        const string Query = "query($first: Int) { sessions(first: $first) { nodes { presenters { sessions { presenters { sessions { title } } } } } } }";

        var small = await server.PostAsync(Query, new { first = 2 });
        var large = await server.PostAsync(Query, new { first = 50 });

        Assert.Null(small.Errors);
        Assert.Equal("LIMIT_COMPLEXITY", large.FirstErrorCode);
        Assert.Contains("at most 20,000 is allowed (GraphQL:Limits:MaxComplexity)", large.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, large.SqlStatements);
    }

    [Fact]
    public async Task TheIdesIntrospectionQueryIsAllowed()
    {
        var response = await server.PostAsync(IntrospectionQuery);

        Assert.True(response.Errors is null, response.Body);
        Assert.Equal("Query", response.Data!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task IntrospectionAnswersRepeatableDirectives()
    {
        // What graphql-js's getIntrospectionQuery asks with directiveIsRepeatable.
        var response = await server.PostAsync("{ __schema { description directives { name isRepeatable locations } } }");

        Assert.True(response.Errors is null, response.Body);
        var directives = response.Data!["__schema"]!["directives"]!.AsArray();
        Assert.False(directives.Single(d => d!["name"]!.GetValue<string>() == "skip")!["isRepeatable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task IntrospectionThatMultipliesItselfIsRefused()
    {
        // Every (fields, type) pair multiplies the answer by a type's field count; 13 levels, within the depth allowed.
        var nested = string.Concat(Enumerable.Repeat("fields { type { ", 6)) + "name" + new string('}', 12);
        var response = await server.PostAsync($"{{ __schema {{ types {{ {nested} }} }} }}");

        Assert.Equal("LIMIT_COMPLEXITY", response.FirstErrorCode);
    }

    [Fact]
    public async Task TooManyAliasesAreRefused()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 101).Select(i => $"a{i}: __typename"));
        var response = await server.PostAsync($"{{ {aliases} }}");

        Assert.Equal("LIMIT_ALIASES", response.FirstErrorCode);
        Assert.Equal("The operation uses 101 aliases; at most 100 are allowed (GraphQL:Limits:MaxAliases).", response.Errors![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task FragmentsThatMultiplyFieldsAreCountedAsExecutionWouldMeetThem()
    {
        // F10 spreads F9 twice, ..., F0 is one field: 1,024 fields from a document of a few hundred bytes.
        var fragments = new StringBuilder("fragment F0 on Query { __typename } ");
        for (var i = 1; i <= 10; i++)
        {
            fragments.Append(System.Globalization.CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }} ");
        }

        var response = await server.PostAsync($"{{ ...F10 }} {fragments}");

        Assert.Equal("LIMIT_FIELDS", response.FirstErrorCode);
        Assert.Equal("The operation selects 1,024 fields; at most 1,000 are allowed (GraphQL:Limits:MaxFields).", response.Errors![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodiesOverTheLimitGet413WithAGraphQLError()
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { padding = new string('x', 1_100_000) } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await server.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("LIMIT_BODY_SIZE", response.FirstErrorCode);
        Assert.Contains("at most 1,048,576 are allowed (GraphQL:Limits:MaxRequestBodyBytes)", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The introspection query Banana Cake Pop sends to a server without input-value deprecation (as this one),
    /// with its nine-level <c>ofType</c> chain.
    /// </summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;
}
