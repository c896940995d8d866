using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
        var session = (await server.QueryAsync("""{ session(slug: "capabilities") { id version } }"""))["session"]!;
        var mutation = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
            {
                query = "mutation($input: UpdateSessionInput!) { updateSession(input: $input) { errors { __typename } } }",
                variables = new { input = new { id = session["id"]!.GetValue<string>(), version = session["version"]!.GetValue<int>(), programmeTitle = $"Dropping privileges ({Guid.NewGuid():N})" } },
            }), Encoding.UTF8, "application/json"),
        };
        mutation.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var edited = await server.SendAsync(mutation);

        var stale = new HttpRequestMessage(HttpMethod.Get, Query);
        stale.Headers.IfNoneMatch.Add(before);
        var after = await server.SendAsync(stale);

        Assert.Null(edited.Errors);
        Assert.True(edited.Headers.CacheControl!.NoStore);
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

    private Task<string> EditorKeyAsync() =>
        server.Services.GetRequiredService<ApiKeyService>().CreateAsync($"caching-{Guid.NewGuid():N}", ApiKeyRole.Editor);
}
