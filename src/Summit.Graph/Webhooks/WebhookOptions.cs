using Microsoft.Extensions.Options;

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

    /// <summary>
    /// How long an instance holds a delivery while sending it; another instance sends it after that if the first died.
    /// Must be longer than <see cref="LongestRound"/> (checked at start), or a slow send could be sent twice.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most deliveries sent at once by one instance.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// How long a finished row (its body, attempts and outcome, as <c>webhookDeliveries</c> shows them) is kept after
    /// it was delivered or given up (default 30 days); the sender deletes older ones. Pending rows are kept until they
    /// finish.
    /// </summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after the change a delivery is tried (default 3 days): a round that fails later than this, after at
    /// least one failed round before it, marks it FAILED, and the events queued after it for the same object go on. A
    /// receiver that is gone for good then holds neither the outbox nor the later events; an editor can redeliver a
    /// failed one (<c>redeliverWebhookDelivery</c>).
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The name <see cref="FinishedRetention"/> had before failed deliveries were kept by it too. Binding ignores names it
    /// does not know, so a configuration still using this one would silently get the default retention: set, it stops
    /// the start with the new name.
    /// </summary>
    public TimeSpan? DeliveredRetention { get; set; }

    /// <summary>How often each instance's sender deletes the finished rows past <see cref="FinishedRetention"/> (default 1 h; first at start).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The time before which rows delivered or given up then are deleted at <paramref name="now"/> (UTC), or null when
    /// <see cref="FinishedRetention"/> reaches back past <see cref="DateTime.MinValue"/>: nothing is that old.
    /// </summary>
    public DateTime? FinishedBefore(DateTime now) => now - DateTime.MinValue > FinishedRetention ? now - FinishedRetention : null;

    /// <summary>When the sweep after one at <paramref name="now"/> is due: <see cref="RetentionSweepInterval"/> later, at most <see cref="DateTime.MaxValue"/>.</summary>
    public DateTime NextSweepAt(DateTime now) => DateTime.MaxValue - now > RetentionSweepInterval ? now + RetentionSweepInterval : DateTime.MaxValue;

    /// <summary>
    /// The longest one round of sending can take: every attempt timing out, and the waits between them at twice
    /// their exponential value (room for Polly's jitter), each at most <see cref="MaxRetryDelay"/>. 42 s by default.
    /// </summary>
    public TimeSpan LongestRound
    {
        get
        {
            var longest = AttemptTimeout * (Math.Max(RetriesPerRound, 0) + 1);
            for (var retry = 0; retry < RetriesPerRound; retry++)
            {
                longest += TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, Math.Min(retry + 1, 30)), MaxRetryDelay.Ticks));
            }

            return longest;
        }
    }

    /// <summary>Why these settings cannot run (an endpoint <c>registerWebhook</c> would refuse, a lease shorter than a round, the retention's old name, a negative retention, no sweep interval or give-up time), or null.</summary>
    public string? Problem() =>
        Endpoints.Select(EndpointProblem).FirstOrDefault(problem => problem is not null)
        ?? (Lease <= LongestRound
            ? $"{Section}:Lease ({Lease}) must be longer than one round of sending ({LongestRound}: {Math.Max(RetriesPerRound, 0) + 1} attempts of at most {Section}:AttemptTimeout and the waits between them), or a slow send could be sent again by another instance."
        : DeliveredRetention is not null
            ? $"{Section}:DeliveredRetention is now {Section}:FinishedRetention (it also keeps failed deliveries); rename the setting."
        : FinishedRetention < TimeSpan.Zero
            ? $"{Section}:FinishedRetention ({FinishedRetention}) must not be negative: it is how long a delivered or failed row is kept."
        : RetentionSweepInterval <= TimeSpan.Zero
            ? $"{Section}:RetentionSweepInterval ({RetentionSweepInterval}) must be positive."
        : GiveUpAfter <= TimeSpan.Zero
            ? $"{Section}:GiveUpAfter ({GiveUpAfter}) must be positive: it is how long after a change its delivery is tried."
        : null);

    /// <summary>What <c>registerWebhook</c> would refuse in the configured endpoint at <paramref name="index"/>: a URL that is not absolute http(s), no secret, an event name that names no events.</summary>
    private static string? EndpointProblem(ConfiguredEndpoint endpoint, int index) =>
        (WebhookEndpoints.UrlProblem(endpoint.Url) ?? WebhookEndpoints.SecretProblem(endpoint.Secret)
            ?? endpoint.Events.Select(WebhookEndpoints.EventProblem).FirstOrDefault(problem => problem is not null)) is { } problem
            ? $"{Section}:Endpoints:{index}: {problem}"
            : null;
}

/// <summary>Stops the start on settings the sender cannot run safely (<see cref="WebhookOptions.Problem"/>), with the reason.</summary>
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
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
