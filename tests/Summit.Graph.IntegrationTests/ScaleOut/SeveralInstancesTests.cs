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
        // One shared content version: both instances give the same ETag for the same question, once the second has read
        // the database's version too (at once when the change reaches it through Redis, else at its next poll).
        Assert.Equal(afterOnFirst.ETag, (await AgreedETagAsync(client)).ETag);
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

    /// <summary>
    /// Redis goes away and comes back empty (a restart without persistence). Meanwhile both instances answer reads and
    /// mutations as before, and each sees the other's change through the database's content version; afterwards the
    /// change through either reaches the other through Redis again, with one ETag for both.
    /// </summary>
    [Fact]
    public async Task WhileRedisIsDownBothInstancesServeAndSeeEachOthersChangesThroughTheDatabase()
    {
        using var client = new HttpClient();
        var before = await GetAsync(client, second, etag: null);
        var sessionId = await SessionIdAsync(first);

        await redis.StopAsync();
        var duringOutage = await GetAsync(client, second, etag: null);
        var saved = await MutateAsync(first, sessionId, "Edited while Redis is down");
        var onFirst = await GetAsync(client, first, before.ETag);
        var onSecond = await Eventually.ReturnsAsync(async () => await GetAsync(client, second, before.ETag) is { Title: "Edited while Redis is down" } seen ? seen : null,
            "the second instance serving the change made through the first while Redis is down");

        await redis.StartAsync();
        using var subscription = await Eventually.ReturnsAsync(() => HeardThroughRedisAsync(client, sessionId),
            "a change through the second instance reaching a subscriber of the first through Redis again");
        var savedAfterReturn = await MutateAsync(second, sessionId, "Edited after Redis came back");
        var pushed = await subscription.NextAsync(GraphQLWebSocket.Deadline);
        var afterReturn = await GetAsync(client, first, etag: null);
        var agreed = await AgreedETagAsync(client);
        var stored = await StoredPublicVersionAsync();

        Assert.Equal((HttpStatusCode.OK, before.Title), (duringOutage.Status, duringOutage.Title));
        Assert.Equal("Edited while Redis is down", saved);
        Assert.Equal((HttpStatusCode.OK, "Edited while Redis is down"), (onFirst.Status, onFirst.Title));
        Assert.Equal(HttpStatusCode.OK, onSecond.Status);
        Assert.Equal("Edited after Redis came back", savedAfterReturn);
        Assert.Equal("Edited after Redis came back", pushed?["data"]?["onSessionChanged"]?["session"]?["title"]?.GetValue<string>());
        // The database's count, which a restarted, empty Redis does not set back (its own counter started again at 1).
        Assert.Equal(stored, pushed?["data"]?["onSessionChanged"]?["contentVersion"]?.GetValue<long>());
        Assert.Equal("Edited after Redis came back", afterReturn.Title);
        Assert.StartsWith("\"r", agreed.ETag, StringComparison.Ordinal);
    }

    /// <summary>
    /// A subscription on the first instance that heard a change made through the second: proof that both have Redis again
    /// (each reconnects on its own schedule, and a change published before a subscriber's instance subscribed again is not
    /// heard); null, to try again, when it heard nothing.
    /// </summary>
    private async Task<SseStream?> HeardThroughRedisAsync(HttpClient client, string sessionId)
    {
        var stream = await SubscribeAsync(client, first);
        await MutateAsync(second, sessionId, $"Probe {Guid.NewGuid():N}");
        try
        {
            if (await stream.NextAsync(TimeSpan.FromSeconds(5)) is not null)
            {
                return stream;
            }
        }
        catch (Exception waited) when (waited is OperationCanceledException or IOException)
        {
            // Nothing heard within the wait: the read was cancelled.
        }

        stream.Dispose();
        return null;
    }

    /// <summary>
    /// A Redis that keeps its connections but answers nothing (frozen). The instance is given a two-minute Redis command
    /// timeout, so a request that waited for Redis would not be answered within the client's own timeout: every read
    /// and the mutation are answered, since a request waits at most <see cref="Summit.Graph.Live.RedisContentRelay.CallTimeout"/>
    /// for Redis and, after a failure, only one request a second tries it again.
    /// </summary>
    [Fact]
    public async Task WhileRedisHangsRequestsAreAnsweredWithoutWaitingForIt()
    {
        var patient = new RunningServer();
        try
        {
            foreach (var (name, value) in first.Environment)
            {
                patient.Environment[name] = value;
            }

            patient.Environment["Redis__ConnectionString"] = redis.ConnectionString + ",asyncTimeout=120000,syncTimeout=120000";
            await patient.InitializeAsync();
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var sessionId = await SessionIdAsync(patient);
            var before = await GetAsync(client, patient, etag: null);

            var answers = new List<Answer>();
            string? saved;
            await redis.FreezeAsync();
            try
            {
                for (var i = 0; i < 20; i++)
                {
                    answers.Add(await GetAsync(client, patient, etag: null));
                }

                saved = await MutateAsync(patient, sessionId, "Edited while Redis hangs");
                answers.Add(await GetAsync(client, patient, before.ETag));
            }
            finally
            {
                await redis.ThawAsync();
            }

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
            Assert.Equal("Edited while Redis hangs", saved);
            Assert.Equal("Edited while Redis hangs", answers[^1].Title);
        }
        finally
        {
            await patient.DisposeAsync();
        }
    }

    /// <summary>An instance started while Redis cannot be reached serves anyway, and takes Redis up once it answers.</summary>
    [Fact]
    public async Task AnInstanceStartedWhileRedisIsDownServesAndTakesRedisUpLater()
    {
        await redis.StopAsync();
        var third = new RunningServer();
        try
        {
            foreach (var (name, value) in first.Environment)
            {
                third.Environment[name] = value;
            }

            await third.InitializeAsync();
            using var client = new HttpClient();
            var withoutRedis = await GetAsync(client, third, etag: null);
            var sessionId = await SessionIdAsync(third);
            var saved = await MutateAsync(third, sessionId, "Edited on an instance started without Redis");
            await redis.StartAsync();
            var withRedis = await Eventually.ReturnsAsync(async () => await GetAsync(client, third, etag: null) is { ETag: ['"', 'r', ..] } answer ? answer : null,
                "the third instance's validators carrying Redis's version once it answers");

            Assert.Equal(HttpStatusCode.OK, withoutRedis.Status);
            Assert.DoesNotContain("\"r", withoutRedis.ETag, StringComparison.Ordinal);
            Assert.Equal("Edited on an instance started without Redis", saved);
            Assert.Equal("Edited on an instance started without Redis", withRedis.Title);
        }
        finally
        {
            await third.DisposeAsync();
        }
    }

    /// <summary>The stored count of public changes, read from the database both instances share.</summary>
    private async Task<long> StoredPublicVersionAsync()
    {
        var connectionString = first.Environment["Database__ConnectionString"];
        await using System.Data.Common.DbConnection connection = first.Environment["Database__Provider"] == "PostgreSql"
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PublicVersion\" FROM \"ContentVersions\" WHERE \"Id\" = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Both instances' answer to the same question, once they give it the same ETag.</summary>
    private async Task<Answer> AgreedETagAsync(HttpClient client) =>
        await Eventually.ReturnsAsync(async () => await GetAsync(client, first, etag: null) is var one && await GetAsync(client, second, etag: null) is var other && one.ETag == other.ETag ? other : null,
            "both instances giving one ETag for the same question");

    private sealed record Answer(HttpStatusCode Status, string? ETag, string? Title);

    private static async Task<Answer> GetAsync(HttpClient client, RunningServer server, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Endpoint}?query={Uri.EscapeDataString(HotplugQuery)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        using var response = await client.SendAsync(request);
        var body = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        return new Answer(response.StatusCode, response.Headers.ETag?.ToString(), body?["data"]?["session"]?["title"]?.GetValue<string>());
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
        var stream = await SseStream.OpenAsync(client, server.Endpoint + "/stream", """subscription { onSessionChanged(slug: "hotplug") { contentVersion session { title } } }""");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        return stream;
    }
}
