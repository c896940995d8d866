using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Hosting;

/// <summary>
/// The cache EF Core keeps its compiled queries and SQL commands in, bounded by <c>Database:CompiledQueryCacheSize</c>
/// entries. EF Core gives every entry a size of 10 in the cache it is handed, so the limit is ten times the count.
/// </summary>
public sealed class CompiledQueryCache(IOptions<DatabaseOptions> options) : IDisposable
{
    /// <summary>The size EF Core counts for each entry (its <c>CompiledQueryCache</c> and relational command cache).</summary>
    private const int SizePerQuery = 10;

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = (long)options.Value.CompiledQueryCacheSize * SizePerQuery, TrackStatistics = true });

    /// <summary>How many entries the cache holds now.</summary>
    public long Count => (Cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0) / SizePerQuery;

    public void Dispose() => Cache.Dispose();
}
