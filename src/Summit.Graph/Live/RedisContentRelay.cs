using System.Text.Json;
using StackExchange.Redis;
using Summit.Graph.Hosting;

namespace Summit.Graph.Live;

/// <summary>Section <c>Redis</c>: set a connection string to run several server instances on one database.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration, for example <c>127.0.0.1:6379</c>. Off when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of the keys and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "summit-graph";
}

/// <summary>
/// Makes content changes cross-instance at once: a shared content version in Redis (one counter for every instance,
/// raised by a writer before it answers, so every instance's ETags change at once and agree) and a Redis channel on
/// which committed changes are published, so subscribers on every instance hear of them. The database's own content
/// version stays the record: while Redis cannot be reached or answer, <see cref="TryContentTokenAsync"/> answers null and
/// <see cref="TryPublishAsync"/> does nothing (a warning is logged once per outage), and the server goes on without it.
/// StackExchange.Redis connects in the background and reconnects, and subscribes the channel again, on its own.
/// </summary>
public sealed class RedisContentRelay : IAsyncDisposable
{
    private readonly ConnectionMultiplexer redis;
    private readonly RedisKey versionKey;
    private readonly RedisKey publicVersionKey;
    private readonly RedisKey epochKey;
    private readonly RedisChannel channel;
    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly OutageLog reads;
    private readonly OutageLog publications;

    /// <summary><see cref="Environment.TickCount64"/> until which Redis is left alone after a failure; 0 while it answers.</summary>
    private long failedUntil;

    /// <summary>The longest a request waits for one Redis command before going on without Redis.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long after a failure Redis is tried again (by one caller).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private RedisContentRelay(ConnectionMultiplexer redis, string prefix, ILogger logger)
    {
        this.redis = redis;
        versionKey = $"{prefix}:content-version";
        publicVersionKey = $"{prefix}:public-version";
        epochKey = $"{prefix}:epoch";
        channel = RedisChannel.Literal($"{prefix}:changes");
        reads = new OutageLog(logger, "Redis cannot be reached ({Reason}); validators follow the database's content version until it can.", "Redis can be reached again.");
        publications = new OutageLog(logger, "A change could not be published on Redis ({Reason}); other instances see it through the database within a second, and their subscribers do not hear of it.", "Changes are published on Redis again.");
    }

    /// <summary>Connects to Redis, or goes on connecting in the background while it cannot be reached: the server starts either way.</summary>
    public static async Task<RedisContentRelay> ConnectAsync(RedisOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        return new RedisContentRelay(await ConnectionMultiplexer.ConnectAsync(configuration), options.KeyPrefix, logger);
    }

    /// <summary>
    /// The shared validator of the content <paramref name="includeDrafts"/> readers see: <c>r</c>, the epoch and a
    /// version; null while Redis cannot be reached or answer. The epoch tells this Redis's counters from those of an
    /// earlier one (after a flush or a restart without persistence the counters start again, under a new epoch).
    /// </summary>
    public async Task<string?> TryContentTokenAsync(bool includeDrafts)
    {
        string? token = null;
        await TryAsync(reads, async database =>
        {
            var values = await database.StringGetAsync([epochKey, includeDrafts ? versionKey : publicVersionKey]).WaitAsync(CallTimeout);
            var epoch = values[0].IsNull ? await StartEpochAsync(database) : values[0].ToString();
            token = $"r{epoch}-{(includeDrafts ? "" : "p")}{(long?)values[1] ?? 0}";
        });
        return token;
    }

    /// <summary>
    /// Counts a new shared version (and a public one when <paramref name="isPublic"/>) and tells every other instance
    /// of the changes, stamped with <paramref name="committed"/>; does nothing while Redis cannot be reached or answer.
    /// </summary>
    public Task TryPublishAsync(IReadOnlyCollection<EditionChange> changes, bool isPublic, ContentVersions committed) =>
        TryAsync(publications, async database =>
        {
            await database.StringIncrementAsync(versionKey).WaitAsync(CallTimeout);
            if (isPublic)
            {
                await database.StringIncrementAsync(publicVersionKey).WaitAsync(CallTimeout);
            }

            await redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(new RelayedChanges(instance, committed, [.. changes]))).WaitAsync(CallTimeout);
        });

    /// <summary>
    /// Runs <paramref name="attempt"/> unless Redis failed less than <see cref="RetryAfter"/> ago, in which case only one
    /// caller at a time tries again and the others go on without Redis at once: a Redis that holds its connection but
    /// does not answer would otherwise hold every request for the command timeout (5 s by default).
    /// </summary>
    private async Task TryAsync(OutageLog log, Func<IDatabase, Task> attempt)
    {
        var retryAt = Interlocked.Read(ref failedUntil);
        var now = Environment.TickCount64;
        if (retryAt != 0 && (now < retryAt || Interlocked.CompareExchange(ref failedUntil, now + (long)RetryAfter.TotalMilliseconds, retryAt) != retryAt))
        {
            return;
        }

        // Fails at once while no connection is up.
        var answered = await log.TryAsync(_ => redis.IsConnected ? attempt(redis.GetDatabase()) : throw new InvalidOperationException("no connection to Redis is up"), CancellationToken.None);
        Interlocked.Exchange(ref failedUntil, answered ? 0 : Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds);
    }

    /// <summary>Sets a new epoch unless another instance just did, and returns the one that holds.</summary>
    private async Task<string> StartEpochAsync(IDatabase database)
    {
        await database.StringSetAsync(epochKey, Guid.NewGuid().ToString("N")[..12], when: When.NotExists).WaitAsync(CallTimeout);
        return (await database.StringGetAsync(epochKey).WaitAsync(CallTimeout)).ToString();
    }

    /// <summary>
    /// Hands changes published by other instances to <paramref name="deliver"/>. The subscription is registered at once
    /// and sent without waiting (fire and forget): StackExchange.Redis sends it again whenever it (re)connects, so a
    /// Redis that cannot be reached at start-up only delays it.
    /// </summary>
    public async Task ListenAsync(Action<ContentVersions, IReadOnlyCollection<EditionChange>> deliver)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel, CommandFlags.FireAndForget);
        queue.OnMessage(message =>
        {
            var relayed = JsonSerializer.Deserialize<RelayedChanges>(message.Message.ToString());
            if (relayed is not null && relayed.Instance != instance)
            {
                deliver(relayed.Versions, relayed.Changes);
            }
        });
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();

    private sealed record RelayedChanges(string Instance, ContentVersions Versions, EditionChange[] Changes);
}
