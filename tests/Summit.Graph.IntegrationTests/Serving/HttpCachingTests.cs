using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Serving;

[Collection(SummitServerCollection.Name)]
public sealed class HttpCachingTests(SummitServer server)
{
    private const string Query = "/graphql?query=%7B%20session(slug%3A%20%22hco%22)%20%7B%20title%20%7D%20%7D";

    [Fact]
    public async Task AnonymousGetHasAnETagAndRevalidatesWith304()
    {
        var first = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, Query));
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, Query);
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await server.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(10), first.Headers.CacheControl.MaxAge);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal("", revalidated.Body);
    }

    [Fact]
    public async Task AMutationChangesTheETagAtOnce()
    {
        var before = (await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, Query))).Headers.ETag!;
        var key = await EditorKeyAsync();
        var eventId = (await server.QueryAsync("{ event { id } }"))["event"]!["id"]!.GetValue<string>();

        // A draft, created and deleted again: invisible to other tests, yet a committed change.
        var created = await MutateAsync(key, "mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id version } } }",
            new { eventId, title = $"Caching probe {Guid.NewGuid():N}" });
        var session = created.Data!["createSession"]!["session"]!;
        var stale = new HttpRequestMessage(HttpMethod.Get, Query);
        stale.Headers.IfNoneMatch.Add(before);
        var after = await server.SendAsync(stale);
        await MutateAsync(key, "mutation($input: DeleteSessionInput!) { deleteSession(input: $input) { errors { __typename } } }",
            new { id = session["id"]!.GetValue<string>(), version = session["version"]!.GetValue<int>() });

        Assert.True(created.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.NotEqual(before, after.Headers.ETag);
    }

    [Fact]
    public async Task RequestsWithCredentialsAreNeverStoredByCaches()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await EditorKeyAsync());

        var response = await server.SendAsync(request);

        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.True(response.Headers.CacheControl.NoStore);
    }

    private async Task<GraphQLResponse> MutateAsync(string key, string mutation, object input)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = mutation, variables = new { input } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await server.SendAsync(request);
        Assert.True(response.Errors is null, response.Body);
        return response;
    }

    private Task<string> EditorKeyAsync() =>
        server.Services.GetRequiredService<ApiKeyService>().CreateAsync($"caching-{Guid.NewGuid():N}", ApiKeyRole.Editor);
}
