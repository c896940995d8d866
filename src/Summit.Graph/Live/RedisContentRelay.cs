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
/// version stays the record: while Redis cannot be reached, <see cref="TryContentTokenAsync"/> and
/// <see cref="TryPublishAsync"/> answer null (a warning is logged once per outage) and the server goes on without it.
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
    /// version; null while Redis cannot be reached. The epoch tells this Redis's counters from those of an earlier one
    /// (after a flush or a restart without persistence the counters start again, under a new epoch).
    /// </summary>
    public async Task<string?> TryContentTokenAsync(bool includeDrafts)
    {
        string? token = null;
        await reads.TryAsync(async _ =>
        {
            EnsureConnected();
            var database = redis.GetDatabase();
            var values = await database.StringGetAsync([epochKey, includeDrafts ? versionKey : publicVersionKey]);
            var epoch = values[0].IsNull ? await StartEpochAsync(database) : values[0].ToString();
            token = $"r{epoch}-{(includeDrafts ? "" : "p")}{(long?)values[1] ?? 0}";
        }, CancellationToken.None);
        return token;
    }

    /// <summary>
    /// Counts a new version (and a public one when <paramref name="isPublic"/>) and tells every other instance; returns
    /// the versions, or null while Redis cannot be reached.
    /// </summary>
    public async Task<ContentVersions?> TryPublishAsync(IReadOnlyCollection<EditionChange> changes, bool isPublic)
    {
        ContentVersions? stamped = null;
        await publications.TryAsync(async _ =>
        {
            EnsureConnected();
            var database = redis.GetDatabase();
            var version = await database.StringIncrementAsync(versionKey);
            var publicVersion = isPublic ? await database.StringIncrementAsync(publicVersionKey) : (long?)await database.StringGetAsync(publicVersionKey) ?? 0;
            var versions = new ContentVersions(version, publicVersion);
            await redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(new RelayedChanges(instance, versions, [.. changes])));
            stamped = versions;
        }, CancellationToken.None);
        return stamped;
    }

    /// <summary>Fails at once while no connection is up, rather than after the command timeout (5 s by default) for every request.</summary>
    private void EnsureConnected()
    {
        if (!redis.IsConnected)
        {
            throw new InvalidOperationException("no connection to Redis is up");
        }
    }

    /// <summary>Sets a new epoch unless another instance just did, and returns the one that holds.</summary>
    private async Task<string> StartEpochAsync(IDatabase database)
    {
        await database.StringSetAsync(epochKey, Guid.NewGuid().ToString("N")[..12], when: When.NotExists);
        return (await database.StringGetAsync(epochKey)).ToString();
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
