using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Serving;

/// <summary>Trusted documents (<c>documentId</c>) and automatic persisted queries (Apollo's protocol).</summary>
[Collection(SummitServerCollection.Name)]
public sealed class PersistedOperationTests(SummitServer server)
{
    private static readonly string SessionPage = File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("schema", "operations", "SessionPage.graphql"))).ReplaceLineEndings("\n");

    [Fact]
    public async Task TrustedDocumentRunsByDocumentIdOverPostAndGet()
    {
        var documentId = "sha256:" + Sha256(SessionPage);

        var posted = await PostJsonAsync(new { documentId, variables = new { slug = "hotplug" } });
        var fetched = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get,
            $"/graphql?documentId={Uri.EscapeDataString(documentId)}&variables={Uri.EscapeDataString("""{"slug":"vfx"}""")}"));

        Assert.Equal("Introducing Volume Hotplug in KubeVirt", posted.Data!["session"]!["title"]!.GetValue<string>());
        Assert.Equal("vfx", fetched.Data!["session"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrustedDocumentRunsByHotChocolatesIdOverPostAndGet()
    {
        var id = Sha256(SessionPage);

        var posted = await PostJsonAsync(new { id, variables = new { slug = "hotplug" } });
        var prefixed = await PostJsonAsync(new { id = "sha256:" + id, variables = new { slug = "hco" } });
        var fetched = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get,
            $"/graphql?id={id}&variables={Uri.EscapeDataString("""{"slug":"vfx"}""")}"));

        Assert.Equal("Introducing Volume Hotplug in KubeVirt", posted.Data!["session"]!["title"]!.GetValue<string>());
        Assert.Equal("hco", prefixed.Data!["session"]!["slug"]!.GetValue<string>());
        Assert.Equal("vfx", fetched.Data!["session"]!["slug"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"id": 5}""")]
    [InlineData("""{"id": ["a"]}""")]
    [InlineData("""{"id": "x", "documentId": "sha256:x"}""")]
    public async Task AnIdThatIsNotOneDocumentsNameIsRefused(string body)
    {
        var response = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, "application/graphql-response+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("REQUEST_INVALID", response.FirstErrorCode);
    }

    /// <summary>
    /// The front end's documents cost less than <c>RateLimits:ExpensiveQueryComplexity</c> (5,000), so no reader of the
    /// programme is ever rate-limited: each passes a server whose whole budget is just under that.
    /// </summary>
    [Theory]
    [InlineData("Schedule.graphql", """{"event":"kubevirt-summit-2021"}""")]
    [InlineData("SessionPage.graphql", """{"slug":"hotplug"}""")]
    [InlineData("Presenters.graphql", "{}")]
    [InlineData("Search.graphql", """{"text":"kubevirt"}""")]
    public async Task TheFrontEndsDocumentsAreNeverExpensive(string file, string variables)
    {
        using var cheapOnly = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:Limits:MaxComplexity", "4999"));
        using var client = cheapOnly.CreateClient();
        var document = File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("schema", "operations", file))).ReplaceLineEndings("\n");
        var body = $$"""{"documentId":"sha256:{{Sha256(document)}}","variables":{{variables}}}""";

        using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"errors\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDocumentIdIsRefused()
    {
        var response = await PostJsonAsync(new { documentId = "sha256:" + new string('0', 64) }, "application/graphql-response+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", response.FirstErrorCode);
    }

    [Fact]
    public async Task AutomaticPersistedQueryMissesThenRegistersThenHits()
    {
        var query = $"{{ session(slug: \"hco\") {{ slug }} }} # {Guid.NewGuid()}";
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(query) } };
        var extensionsParameter = Uri.EscapeDataString(JsonSerializer.Serialize(extensions));

        var miss = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/graphql?extensions={extensionsParameter}"));
        var register = await PostJsonAsync(new { query, extensions });
        var hit = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/graphql?extensions={extensionsParameter}"));

        Assert.Equal(HttpStatusCode.OK, miss.Status);
        Assert.Equal("PersistedQueryNotFound", miss.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", miss.FirstErrorCode);
        Assert.Equal("hco", register.Data!["session"]!["slug"]!.GetValue<string>());
        Assert.Equal("hco", hit.Data!["session"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task AutomaticPersistedQueryWithAWrongHashIsRefused()
    {
        var response = await PostJsonAsync(new { query = "{ event { slug } }", extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256("{ other }") } } });

        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", response.FirstErrorCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task TrustedDocumentsOnlyRefusesOtherQueries()
    {
        using var production = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:TrustedDocumentsOnly", "true"));
        using var client = production.CreateClient();

        using var adHoc = await client.PostAsync("/graphql", new StringContent("""{"query":"{ event { slug } }"}""", Encoding.UTF8, "application/json"));
        using var trusted = await client.PostAsync("/graphql", new StringContent(
            JsonSerializer.Serialize(new { documentId = "sha256:" + Sha256(SessionPage), variables = new { slug = "hco" } }), Encoding.UTF8, "application/json"));

        Assert.Contains("TRUSTED_DOCUMENTS_ONLY", await adHoc.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"slug\":\"hco\"", await trusted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTrustedDocumentIsValidAgainstTheSchema()
    {
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf(Path.Combine("schema", "operations")), "*.graphql"))
        {
            var text = (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n");
            var response = await PostJsonAsync(new { documentId = "sha256:" + Sha256(text), variables = new { slug = "hotplug", text = "KubeVirt" } });

            Assert.True(response.Errors is null, $"{Path.GetFileName(file)}: {response.Body}");
        }
    }

    /// <summary>
    /// Normalised caches (Apollo, urql's graphcache, Relay) key objects by <c>id</c>: a document that selects an object
    /// without it is cached by path, and a mutation's payload cannot refresh it.
    /// </summary>
    [Fact]
    public void EveryTrustedDocumentSelectsTheIdOfEveryObjectThatHasOne()
    {
        var schema = server.Services.GetRequiredService<ISchema>();
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf(Path.Combine("schema", "operations")), "*.graphql"))
        {
            var document = GraphQLParser.Parser.Parse(File.ReadAllText(file));
            foreach (var operation in document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>())
            {
                CheckIds(schema.Query, operation.SelectionSet, Path.GetFileName(file), missing);
            }
        }

        Assert.Empty(missing);
    }

    private static void CheckIds(IComplexGraphType type, GraphQLParser.AST.GraphQLSelectionSet selections, string path, List<string> missing)
    {
        var fields = selections.Selections.OfType<GraphQLParser.AST.GraphQLField>().ToList();
        if (type.HasField("id") && type.Name != "Query" && !fields.Any(f => f.Name.Value == "id"))
        {
            missing.Add($"{path} ({type.Name})");
        }

        foreach (var field in fields.Where(f => f.SelectionSet is not null))
        {
            var fieldType = type.GetField(field.Name.Value)!.ResolvedType!.GetNamedType();
            CheckIds((IComplexGraphType)fieldType, field.SelectionSet!, $"{path}.{field.Name.Value}", missing);
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<GraphQLResponse> PostJsonAsync(object body, string? accept = null) =>
        server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") }, accept);
}
