using GraphQL.Transport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;
using Summit.Graph.Data.Entities;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Http;

/// <summary>
/// A document that passed validation once skips the specification's rules afterwards; everything that depends
/// on the request (variable values, the editor check, limits on the page sizes asked for) runs every time.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class ValidatedDocumentTests(SummitServer server)
{
    private GraphQLOperations Operations => server.Services.GetRequiredService<GraphQLOperations>();

    [Fact]
    public async Task ADocumentIsRememberedOnceItPassedValidation()
    {
        var query = $"query Remembered{Guid.NewGuid():N} {{ sessions(first: 1) {{ nodes {{ title }} }} }}";
        Assert.False(Operations.Prepare(new GraphQLRequest { Query = query }).Validated);

        var first = await server.QueryAsync(query);
        var second = await server.QueryAsync(query);

        Assert.True(Operations.Prepare(new GraphQLRequest { Query = query }).Validated);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Single(first["sessions"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task ADocumentLargerThanTheCacheIsNotRemembered()
    {
        // The short document's text and tree take a few hundred bytes; the long one's text alone 6,000.
        using var small = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:DocumentCacheBytes", "4000"));
        using var client = small.CreateClient();
        var operations = small.Services.GetRequiredService<GraphQLOperations>();
        const string Short = "{ sessions(first: 1) { totalCount } }";
        var longer = "query Longer { sessions(first: 1) { totalCount } } #" + new string('x', 3_000);

        using var shortResponse = await client.SendAsync(Hardening.Requests.Post(Short));
        using var longResponse = await client.SendAsync(Hardening.Requests.Post(longer));

        Assert.True(shortResponse.IsSuccessStatusCode && longResponse.IsSuccessStatusCode);
        Assert.True(operations.Prepare(new GraphQLRequest { Query = Short }).Validated);
        Assert.False(operations.Prepare(new GraphQLRequest { Query = longer }).Validated);
    }

    [Fact]
    public async Task InvalidDocumentsAreNeverRemembered()
    {
        var query = $"query Invalid{Guid.NewGuid():N} {{ sessions(first: 1) {{ nodes {{ nothing }} }} }}";

        var first = await server.PostAsync(query);
        var second = await server.PostAsync(query);

        Assert.Equal("FIELDS_ON_CORRECT_TYPE", first.FirstErrorCode);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", second.FirstErrorCode);
        Assert.False(Operations.Prepare(new GraphQLRequest { Query = query }).Validated);
    }

    [Fact]
    public async Task TheVariablesOfARememberedDocumentAreStillChecked()
    {
        var query = $"query Page{Guid.NewGuid():N}($first: Int!) {{ sessions(first: $first) {{ nodes {{ title }} }} }}";
        await server.QueryAsync(query, new { first = 2 });

        var wrongType = await server.PostAsync(query, new { first = "two" });
        var missing = await server.PostAsync(query);

        Assert.Null(wrongType.Data);
        Assert.Contains("$first", wrongType.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, wrongType.SqlStatements);
        Assert.Contains("$first", missing.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARememberedDocumentIsStillHeldToTheLimitsOfItsVariables()
    {
        var query = $"query Heavy{Guid.NewGuid():N}($first: Int) {{ sessions(first: $first) {{ nodes {{ presenters {{ sessions {{ presenters {{ sessions {{ title }} }} }} }} }} }} }}";
        await server.QueryAsync(query, new { first = 2 });
        Assert.True(Operations.Prepare(new GraphQLRequest { Query = query }).Validated);

        var large = await server.PostAsync(query, new { first = 50 });

        Assert.Equal("LIMIT_COMPLEXITY", large.FirstErrorCode);
        Assert.Equal(0, large.SqlStatements);
    }

    [Fact]
    public async Task ARememberedMutationStillNeedsAnEditor()
    {
        var key = await server.CreateKeyAsync($"validated-documents-{Guid.NewGuid():N}", ApiKeyRole.Editor);
        var mutation = $"mutation Retitle{Guid.NewGuid():N}($id: ID!) {{ updateSession(input: {{ id: $id, version: 1, title: \"Unchanged\" }}) {{ errors {{ __typename }} }} }}";
        var missingSession = new { id = "U2Vzc2lvbjo5OTk5OQ==" };

        var byEditor = await server.PostAsync(mutation, missingSession, bearerKey: key);
        var anonymous = await server.PostAsync(mutation, missingSession);

        Assert.Null(byEditor.Errors);
        Assert.Equal("NotFoundError", byEditor.Data!["updateSession"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.True(Operations.Prepare(new GraphQLRequest { Query = mutation }).Validated);
        Assert.Equal(MutationAuthorizationRule.NotAuthenticated, anonymous.FirstErrorCode);
        Assert.Null(anonymous.Data);
    }
}
