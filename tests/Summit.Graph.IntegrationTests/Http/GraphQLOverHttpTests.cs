using System.Net;
using System.Text;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Http;

[Collection(SummitServerCollection.Name)]
public sealed class GraphQLOverHttpTests(SummitServer server)
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task GetRunsQueries()
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ event { slug } }")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("kubevirt-summit-2021", response.Data!["event"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPassesVariablesAndOperationName()
    {
        var query = Uri.EscapeDataString("query A { event { slug } } query B($slug: String!) { session(slug: $slug) { slug } }");
        var variables = Uri.EscapeDataString("""{"slug":"vfx"}""");
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={query}&operationName=B&variables={variables}"));

        Assert.Equal("vfx", response.Data!["session"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task MutationOverGetIsRefusedWith405()
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { renderMarkdown(markdown: \"x\") }")));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains("POST", string.Join(',', response.Allow), StringComparison.Ordinal);
        Assert.NotNull(response.Errors);
    }

    [Fact]
    public async Task ResponseMediaTypeFollowsTheAcceptHeader()
    {
        var modern = await server.PostAsync("{ event { slug } }", accept: GraphQLResponse);
        var legacy = await server.PostAsync("{ event { slug } }", accept: "application/json");
        var none = await server.PostAsync("{ event { slug } }");

        Assert.Equal(GraphQLResponse, modern.MediaType);
        Assert.Equal("application/json", legacy.MediaType);
        Assert.Equal("application/json", none.MediaType);
    }

    [Fact]
    public async Task UnacceptableMediaTypeIs406()
    {
        var response = await server.PostAsync("{ event { slug } }", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"variables": {}}""")]
    [InlineData("""{"query": "{ event { slug } }", "variables": "not an object"}""")]
    public async Task MalformedBodiesAre400WithAGraphQLError(string body)
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.Errors!);
    }

    [Fact]
    public async Task UnparsableDocumentIs400()
    {
        var response = await server.PostAsync("{ event { slug ", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("not valid GraphQL", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidDocumentIs400ForGraphQLResponseAnd200ForJson()
    {
        var modern = await server.PostAsync("{ event { noSuchField } }", accept: GraphQLResponse);
        var legacy = await server.PostAsync("{ event { noSuchField } }", accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, modern.Status);
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.NotNull(legacy.Errors);
        Assert.Null(legacy.Data);
    }

    [Fact]
    public async Task WrongContentTypeIs415()
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{ event { slug } }", Encoding.UTF8, "text/plain"),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
    }

    [Fact]
    public async Task UnknownOperationNameIs400()
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"query A { event { slug } }","operationName":"B"}""", Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("no operation named 'B'", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherMethodsAre405()
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
    }

    [Fact]
    public async Task BatchedRequestsAreAnsweredInOrderAndBounded()
    {
        var batch = """[{"query":"{ event { slug } }"},{"query":"{ session(slug: \"vfx\") { slug } }"}]""";
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(batch, Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("vfx", response.Json![1]!["data"]!["session"]!["slug"]!.GetValue<string>());

        var tooMany = "[" + string.Join(',', Enumerable.Repeat("""{"query":"{ event { slug } }"}""", 11)) + "]";
        var refused = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(tooMany, Encoding.UTF8, "application/json"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("holds 11", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
