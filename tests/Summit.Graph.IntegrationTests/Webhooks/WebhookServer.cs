using System.Globalization;
using System.Text.Json.Nodes;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Webhooks;

/// <summary>
/// A server of its own with a webhook receiver from configuration (path <c>config</c>), short poll and retry
/// intervals (200 ms polls, retries from 100 ms, at most 1 s apart), attempts of up to a minute, a sweep of delivered
/// rows past the 30 days' retention every 200 ms, metrics at <c>/metrics</c> and an editor key.
/// </summary>
public sealed class WebhookServer : IAsyncLifetime
{
    public const string ConfiguredSecret = "configured-secret";
    public const string ConfiguredPath = "config";

    public WebhookServer()
    {
        Server = new SummitServer
        {
            Settings =
            {
                ["Webhooks:Endpoints:0:Url"] = Receiver.Url(ConfiguredPath),
                ["Webhooks:Endpoints:0:Secret"] = ConfiguredSecret,
                ["Webhooks:PollInterval"] = "00:00:00.2",
                ["Webhooks:RetryDelay"] = "00:00:00.1",
                ["Webhooks:MaxRetryDelay"] = "00:00:01",
                ["Webhooks:RetriesPerRound"] = "1",
                // A test holds a request at the receiver while it takes the lease over: no attempt may time out meanwhile.
                ["Webhooks:AttemptTimeout"] = "00:01:00",
                ["Webhooks:Lease"] = "00:05:00",
                ["Webhooks:RetentionSweepInterval"] = "00:00:00.2",
                ["Publishing:PollInterval"] = "00:00:00.2",
                ["Telemetry:PrometheusEndpoint"] = "/metrics",
            },
        };
    }

    public WebhookReceiver Receiver { get; } = new();

    public SummitServer Server { get; }

    public Editor Editor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        Editor = new Editor(Server, await Server.CreateKeyAsync("wendy", ApiKeyRole.Editor));
    }

    public async Task DisposeAsync()
    {
        Server.Dispose();
        await Receiver.DisposeAsync();
    }

    /// <summary>Creates a draft session of the newest edition; returns it as an editor reads it.</summary>
    public async Task<JsonNode> CreateDraftAsync(string title, DateTime? publishAt = null, DateTime? unpublishAt = null)
    {
        var eventId = (await Editor.QueryAsync("{ event { id } }"))["event"].Text("id");
        // Read from the mutation's own payload, at its commit: a read after it could come after the scheduler has
        // already applied a publication due a second later (a loaded machine takes that long between two requests).
        var payload = await Editor.SucceedAsync("createSession",
            new { eventId, title, publishAt = Iso(publishAt), unpublishAt = Iso(unpublishAt) }, $"session {SessionSelection}");
        return payload["session"]!;
    }

    /// <summary>A session as an editor sees it: id, slug, version, status, schedule and revisions.</summary>
    public async Task<JsonNode> SessionAsync(string slug) =>
        (await Editor.QueryAsync($"query($slug: String!) {{ session(slug: $slug) {SessionSelection} }}", new { slug }))["session"]
        ?? throw new InvalidOperationException($"No session '{slug}'.");

    private static string? Iso(DateTime? time) => time?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private const string SessionSelection = "{ id slug version status publishAt unpublishAt revisions { operation author changedFields previousContent } }";

    /// <summary>Runs a mutation on a session at its current version, with <paramref name="fields"/> besides id and version.</summary>
    public async Task ChangeAsync(string mutation, string slug, object? fields = null)
    {
        var session = await SessionAsync(slug);
        var input = new JsonObject { ["id"] = session.Text("id"), ["version"] = session.Number("version") };
        foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(fields ?? new { }))!.AsObject())
        {
            input[name] = value?.DeepClone();
        }

        await Editor.SucceedAsync(mutation, input);
    }
}
