using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.ScaleOut;

/// <summary>
/// Two server processes on one database with Redis between them, as behind a load balancer: a change made
/// through one instance is read, revalidated (ETags) and pushed to subscribers by the other at once.
/// The database is PostgreSQL when <c>SUMMIT_TEST_POSTGRES</c> is set, else one SQLite file both share.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private const string HotplugQuery = """{ session(slug: "hotplug") { title } }""";
    private readonly RedisServer redis = new();
    private readonly string sqliteFolder = Directory.CreateTempSubdirectory("summit-graph-shared-").FullName;
    private readonly RunningServer first = new();
    private readonly RunningServer second = new();

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        var shared = RunningServer.SharedDatabase(sqliteFolder);
        shared["Redis__ConnectionString"] = redis.ConnectionString;
        foreach (var (name, value) in shared)
        {
            first.Environment[name] = value;
            second.Environment[name] = value;
        }

        // One after the other: the first creates and fills the database, the second finds it ready.
        await first.InitializeAsync();
        await second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(sqliteFolder, recursive: true);
    }

    [Fact]
    public async Task ChangeThroughOneInstanceIsSeenRevalidatedAndPushedByTheOther()
    {
        using var client = new HttpClient();
        var before = await GetAsync(client, second, etag: null);
        var revalidated = await GetAsync(client, second, before.ETag);
        var sessionId = await SessionIdAsync(first);
        using var subscription = await SubscribeAsync(client, second);

        var saved = await MutateAsync(first, sessionId, "Volume hotplug, edited on instance one");
        var after = await GetAsync(client, second, before.ETag);
        var afterOnFirst = await GetAsync(client, first, etag: null);
        var pushed = await subscription.NextAsync(GraphQLWebSocket.Deadline);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal("Volume hotplug, edited on instance one", saved);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("Volume hotplug, edited on instance one", after.Title);
        Assert.NotEqual(before.ETag, after.ETag);
        // One shared content version: both instances give the same ETag for the same question.
        Assert.Equal(after.ETag, afterOnFirst.ETag);
        Assert.Equal("Volume hotplug, edited on instance one", pushed?["data"]?["onSessionChanged"]?["session"]?["title"]?.GetValue<string>());
    }

    [Fact]
    public async Task DraftOnlyChangeThroughOneInstanceLeavesAnonymousETagsOfBothAlone()
    {
        using var client = new HttpClient();
        var before = await GetAsync(client, second, etag: null);
        var eventId = (await first.QueryAsync("{ event { id } }", null))["event"]!["id"]!.GetValue<string>();

        var draft = await first.QueryAsync("mutation($input: CreateSessionInput!) { createSession(input: $input) { session { status } } }",
            new { input = new { eventId, title = "Draft made on instance one" } }, RunningServer.EditorKey);
        var onSecond = await GetAsync(client, second, before.ETag);
        var onFirst = await GetAsync(client, first, before.ETag);

        Assert.Equal("DRAFT", draft["createSession"]!["session"]!["status"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.NotModified, HttpStatusCode.NotModified), (onSecond.Status, onFirst.Status));
    }

    private static async Task<(HttpStatusCode Status, string? ETag, string? Title)> GetAsync(HttpClient client, RunningServer server, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Endpoint}?query={Uri.EscapeDataString(HotplugQuery)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        using var response = await client.SendAsync(request);
        var body = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        return (response.StatusCode, response.Headers.ETag?.ToString(), body?["data"]?["session"]?["title"]?.GetValue<string>());
    }

    private static async Task<string> SessionIdAsync(RunningServer server)
    {
        var data = await server.QueryAsync(HotplugQuery.Replace("title", "id", StringComparison.Ordinal), null);
        return data["session"]!["id"]!.GetValue<string>();
    }

    private static async Task<string?> MutateAsync(RunningServer server, string id, string title)
    {
        var current = await server.QueryAsync("query($id: ID!) { node(id: $id) { ... on Session { version } } }", new { id });
        var data = await server.QueryAsync(
            "mutation($input: UpdateSessionInput!) { updateSession(input: $input) { session { title } errors { __typename } } }",
            new { input = new { id, version = current["node"]!["version"]!.GetValue<int>(), title } }, RunningServer.EditorKey);
        return data["updateSession"]?["session"]?["title"]?.GetValue<string>();
    }

    private static async Task<SseStream> SubscribeAsync(HttpClient client, RunningServer server)
    {
        var stream = await SseStream.OpenAsync(client, server.Endpoint + "/stream", """subscription { onSessionChanged(slug: "hotplug") { session { title } } }""");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        return stream;
    }
}
