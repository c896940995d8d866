namespace Summit.Graph.Webhooks;

/// <summary>Section <c>Webhooks</c>: receivers from configuration, and how the sender polls and retries.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Receivers every public change is sent to (<c>Webhooks:Endpoints:0:Url</c>, <c>:Secret</c>, <c>:Events</c>).</summary>
    public List<ConfiguredEndpoint> Endpoints { get; set; } = [];

    /// <summary>How often the sender looks for due deliveries in the outbox.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first wait before a failed send is retried. Within one round the HTTP client retries
    /// <see cref="RetriesPerRound"/> times with exponential backoff (Polly); after a failed round, the delivery waits this
    /// long times two to the power of its failed rounds, at most <see cref="MaxRetryDelay"/>, kept in the database.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between rounds: a receiver that is down for hours is tried at least this often.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Immediate retries of one send within a round (transient network errors, 5xx, 408, 429).</summary>
    public int RetriesPerRound { get; set; } = 2;

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an instance holds a delivery while sending it; another instance sends it after that if the first died.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most deliveries sent at once by one instance.</summary>
    public int Concurrency { get; set; } = 4;
}

/// <summary>One receiver from configuration.</summary>
public sealed class ConfiguredEndpoint
{
    /// <summary>The absolute http(s) URL events are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The key of the <c>X-Summit-Signature-256</c> HMAC.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event names (<c>session.published</c>, <c>session.*</c>); empty for every public change.</summary>
    public List<string> Events { get; set; } = [];
}
