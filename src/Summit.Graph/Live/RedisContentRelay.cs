using System.Text.Json;
using StackExchange.Redis;

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
/// Makes content changes cross-instance: the content version lives in Redis (one counter for every instance,
/// so every instance's ETags change at once) and committed changes are published on a Redis channel, so
/// subscribers on every instance hear of them.
/// </summary>
public sealed class RedisContentRelay : IAsyncDisposable
{
    private readonly ConnectionMultiplexer redis;
    private readonly RedisKey versionKey;
    private readonly RedisKey publicVersionKey;
    private readonly RedisKey epochKey;
    private readonly RedisChannel channel;
    private readonly string instance = Guid.NewGuid().ToString("N");

    private RedisContentRelay(ConnectionMultiplexer redis, string prefix)
    {
        this.redis = redis;
        versionKey = $"{prefix}:content-version";
        publicVersionKey = $"{prefix}:public-version";
        epochKey = $"{prefix}:epoch";
        channel = RedisChannel.Literal($"{prefix}:changes");
    }

    public static async Task<RedisContentRelay> ConnectAsync(RedisOptions options)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(options.ConnectionString!);
        var relay = new RedisContentRelay(redis, options.KeyPrefix);
        // The epoch tells this Redis's counter from an earlier one (after a flush the counter restarts).
        await redis.GetDatabase().StringSetAsync(relay.epochKey, Guid.NewGuid().ToString("N")[..12], when: When.NotExists);
        return relay;
    }

    /// <summary>The shared validator of the content <paramref name="includeDrafts"/> readers see: the epoch and a version.</summary>
    public async Task<string> ContentTokenAsync(bool includeDrafts)
    {
        var values = await redis.GetDatabase().StringGetAsync([epochKey, includeDrafts ? versionKey : publicVersionKey]);
        return $"{values[0]}-{(includeDrafts ? "" : "p")}{(long?)values[1] ?? 0}";
    }

    /// <summary>Counts a new version (and a public one when <paramref name="isPublic"/>) and tells every other instance; returns the versions.</summary>
    public async Task<ContentVersions> PublishAsync(IReadOnlyCollection<EditionChange> changes, bool isPublic)
    {
        var database = redis.GetDatabase();
        var version = await database.StringIncrementAsync(versionKey);
        var publicVersion = isPublic ? await database.StringIncrementAsync(publicVersionKey) : (long?)await database.StringGetAsync(publicVersionKey) ?? 0;
        var stamped = new ContentVersions(version, publicVersion);
        var message = JsonSerializer.Serialize(new RelayedChanges(instance, stamped, [.. changes]));
        await redis.GetSubscriber().PublishAsync(channel, message);
        return stamped;
    }

    /// <summary>Hands changes published by other instances to <paramref name="deliver"/>.</summary>
    public async Task ListenAsync(Action<ContentVersions, IReadOnlyCollection<EditionChange>> deliver)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel);
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
