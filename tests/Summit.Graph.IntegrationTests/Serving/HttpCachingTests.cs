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
    public async Task AVisibleChangeChangesTheETagAtOnce()
    {
        var before = (await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, Query))).Headers.ETag!;
        var key = await EditorKeyAsync();
        var eventId = (await server.QueryAsync("{ event { id } }"))["event"]!["id"]!.GetValue<string>();

        // A day every reader sees, added and removed again: gone for other tests, yet a committed public change.
        // (Changes only drafts show leave the ETag alone: see DraftSideChannelTests.)
        var created = await MutateAsync(key, "mutation($input: AddDayInput!) { addDay(input: $input) { day { id version } } }",
            new { eventId, startsAt = "2021-02-20T14:00:00Z", endsAt = "2021-02-20T19:00:00Z" });
        var day = created.Data!["addDay"]!["day"]!;
        var stale = new HttpRequestMessage(HttpMethod.Get, Query);
        stale.Headers.IfNoneMatch.Add(before);
        var after = await server.SendAsync(stale);
        await MutateAsync(key, "mutation($input: RemoveDayInput!) { removeDay(input: $input) { errors { __typename } } }",
            new { id = day["id"]!.GetValue<string>(), version = day["version"]!.GetValue<int>() });

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
