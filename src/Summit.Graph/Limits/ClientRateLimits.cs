using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Limits;

/// <summary>
/// Per-client token buckets (System.Threading.RateLimiting, what ASP.NET Core's rate-limiting middleware
/// uses), consulted once an operation's type and cost are known: the middleware sees only the HTTP request,
/// and would miss operations sent over a WebSocket. A client's partition is dropped once its bucket is full
/// again (System.Threading.RateLimiting removes idle limiters every 100 ms), so the table holds only the clients
/// of the last few seconds, a few hundred bytes each.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    private readonly RateLimitOptions options;
    private readonly PartitionedRateLimiter<string>? mutations;
    private readonly PartitionedRateLimiter<string>? expensiveQueries;

    public ClientRateLimits(IOptions<RateLimitOptions> options)
    {
        this.options = options.Value;
        mutations = Create(this.options.MutationsPerSecond, this.options.MutationBurst);
        expensiveQueries = Create(this.options.ExpensiveQueriesPerSecond, this.options.ExpensiveQueryBurst);
    }

    /// <summary>Takes a token for the operation when its bucket applies; the error when the client is over its rate.</summary>
    public RateLimitedError? TryAcquire(OperationType type, double complexity, ClaimsPrincipal? user, HttpContext? http)
    {
        var authenticated = user?.Identity?.IsAuthenticated == true;
        var (limiter, what) = type switch
        {
            OperationType.Mutation => (mutations, "mutations"),
            OperationType.Query when !authenticated && complexity >= options.ExpensiveQueryComplexity => (expensiveQueries, "expensive anonymous queries"),
            _ => (null, ""),
        };
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(ClientShares.ClientOf(user, http));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var (rate, key) = type == OperationType.Mutation
            ? (options.MutationsPerSecond, "RateLimits:MutationsPerSecond")
            : (options.ExpensiveQueriesPerSecond, "RateLimits:ExpensiveQueriesPerSecond");
        return new RateLimitedError(
            string.Create(CultureInfo.InvariantCulture, $"Too many {what}: at most {rate} per second are allowed ({key}); retry in {Math.Ceiling(retryAfter.TotalSeconds)} s."),
            retryAfter);
    }

    public void Dispose()
    {
        mutations?.Dispose();
        expensiveQueries?.Dispose();
    }

    private static PartitionedRateLimiter<string>? Create(int perSecond, int burst) => perSecond <= 0 ? null
        : PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, 1),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
