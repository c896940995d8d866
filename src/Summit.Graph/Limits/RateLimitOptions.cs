namespace Summit.Graph.Limits;

/// <summary>
/// Section <c>RateLimits</c>: token buckets per client (the API key's name when a key is sent, else the remote
/// address). A rate of 0 turns a bucket off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Mutations per second each key (or address) may send on average.</summary>
    public int MutationsPerSecond { get; set; } = 50;

    /// <summary>Mutations a client may send at once before the rate applies.</summary>
    public int MutationBurst { get; set; } = 100;

    /// <summary>Anonymous queries costing at least this much (see <c>GraphQL:Limits:MaxComplexity</c>) count as expensive.</summary>
    public int ExpensiveQueryComplexity { get; set; } = 5_000;

    /// <summary>Expensive anonymous queries per second each address may send on average.</summary>
    public int ExpensiveQueriesPerSecond { get; set; } = 10;

    /// <summary>Expensive anonymous queries an address may send at once.</summary>
    public int ExpensiveQueryBurst { get; set; } = 50;
}
