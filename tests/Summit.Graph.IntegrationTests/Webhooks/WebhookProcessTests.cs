using System.Globalization;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks and scheduled publishing with real server processes: a server killed with SIGKILL right after a commit
/// still delivers the change once restarted, and two instances on one database publish a scheduled session once and
/// send its event once. The database is PostgreSQL when <c>SUMMIT_TEST_POSTGRES</c> is set, else one SQLite file.
/// </summary>
public sealed class WebhookProcessTests : IAsyncLifetime
{
    private const string Secret = "process-secret";
    private readonly string sqliteFolder = Directory.CreateTempSubdirectory("summit-graph-webhooks-").FullName;
    private readonly WebhookReceiver receiver = new();
    private readonly RunningServer first = new();
    private readonly RunningServer second = new();

    public Task InitializeAsync()
    {
        var shared = RunningServer.SharedDatabase(sqliteFolder);
        shared["Webhooks__Endpoints__0__Url"] = receiver.Url("process");
        shared["Webhooks__Endpoints__0__Secret"] = Secret;
        shared["Webhooks__Endpoints__0__Events__0"] = "session.*";
        shared["Webhooks__PollInterval"] = "00:00:00.2";
        shared["Webhooks__RetryDelay"] = "00:00:00.1";
        shared["Webhooks__MaxRetryDelay"] = "00:00:01";
        shared["Publishing__PollInterval"] = "00:00:00.2";
        // A killed server may hold deliveries it was sending (the import's events): they are sent again once the lease
        // ends, and an object's later events wait for them. The lease must outlast a round of sending (two attempts of
        // at most 3 s here), or the server refuses to start.
        shared["Webhooks__Lease"] = "00:00:10";
        shared["Webhooks__AttemptTimeout"] = "00:00:03";
        shared["Webhooks__RetriesPerRound"] = "1";
        foreach (var (name, value) in shared)
        {
            first.Environment[name] = value;
            second.Environment[name] = value;
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(sqliteFolder, recursive: true);
    }

    [Fact]
    public async Task AServerKilledRightAfterTheCommitDeliversTheEventOnceRestarted()
    {
        await first.StartAsync();
        var hotplug = await SessionAsync(first, "hotplug");

        // The receiver is down: nothing can be delivered before the kill.
        await first.QueryAsync("mutation($input: UpdateSessionInput!) { updateSession(input: $input) { errors { __typename } } }",
            new { input = new { id = hotplug.Text("id"), version = hotplug.Number("version"), title = "Hotplug, committed just before a crash" } }, RunningServer.EditorKey);
        await first.KillAsync();
        await receiver.StartAsync();
        await first.StartAsync();

        var version = hotplug.Number("version") + 1;
        await receiver.WaitForAsync(_ => receiver.About(hotplug.Text("id"), "process").Any(e => e.Json["version"]!.GetValue<int>() == version), "the change committed before the kill");
        var change = receiver.About(hotplug.Text("id"), "process").Single(e => e.Json["version"]!.GetValue<int>() == version);

        Assert.Equal("session.changed", change.Name);
        Assert.True(change.SignedWith(Secret));
    }

    [Fact]
    public async Task TwoInstancesPublishAScheduledSessionOnceAndSendItsEventOnce()
    {
        await receiver.StartAsync();
        // One after the other: the first creates and fills the database, the second finds it ready.
        await first.StartAsync();
        await second.StartAsync();
        var eventId = (await first.QueryAsync("{ event { id } }"))["event"].Text("id");
        var created = await first.QueryAsync("mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id slug } } }",
            new { input = new { eventId, title = "Scheduled on two instances", publishAt = DateTime.UtcNow.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture) } },
            RunningServer.EditorKey);
        var session = created["createSession"]!["session"]!;

        await receiver.WaitForAsync(_ => receiver.About(session.Text("id"), "process").Count > 0, "the scheduled publication's event");
        var delivered = await Eventually.ReturnsAsync(async () => (await second.QueryAsync(
            "{ webhookDeliveries(limit: 100) { eventId body status } }", key: RunningServer.EditorKey))["webhookDeliveries"]!.AsArray()
            .OfType<JsonNode>().Where(d => JsonNode.Parse(d.Text("body"))!["id"]!.GetValue<string>() == session.Text("id")).ToList()
            is { Count: > 0 } found && found.All(d => d.Text("status") == "DELIVERED") ? found : null, "the delivery recorded as delivered");
        var anonymous = await second.QueryAsync("query($slug: String!) { session(slug: $slug) { title } }", new { slug = session.Text("slug") });
        var revisions = (await SessionAsync(first, session.Text("slug")))["revisions"]!.AsArray();

        Assert.Equal("Scheduled on two instances", anonymous["session"].Text("title"));
        Assert.Equal(["PUBLISH by schedule", "CREATE by bootstrap"], revisions.Select(r => $"{r.Text("operation")} by {r.Text("author")}"));
        Assert.Single(delivered);
        Assert.Single(receiver.About(session.Text("id"), "process"));
    }

    private static async Task<JsonNode> SessionAsync(RunningServer server, string slug) =>
        (await server.QueryAsync("query($slug: String!) { session(slug: $slug) { id version revisions { operation author } } }", new { slug }, RunningServer.EditorKey))["session"]!;
}
