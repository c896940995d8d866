using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Hosting;

/// <summary>
/// The cache EF Core keeps its compiled queries and SQL commands in, bounded by <c>Database:CompiledQueryCacheSize</c>
/// entries. EF Core gives every entry a size of 10 in the cache it is handed, so the limit is ten times the count.
/// </summary>
/// <remarks>
/// One cache per database provider and size for the whole process, as EF Core's own default is one per internal
/// service provider: EF Core builds an internal service provider for every distinct cache instance it is given, so a
/// cache per host would build one per host; and it keeps the model in the same cache, so providers must not share one.
/// </remarks>
public sealed class CompiledQueryCache(IOptions<DatabaseOptions> options)
{
    /// <summary>The size EF Core counts for each entry (its <c>CompiledQueryCache</c> and relational command cache).</summary>
    private const int SizePerQuery = 10;

    private static readonly ConcurrentDictionary<(string Provider, int Size), MemoryCache> Caches = new();

    public MemoryCache Cache { get; } = Caches.GetOrAdd((options.Value.Provider, options.Value.CompiledQueryCacheSize),
        key => new MemoryCache(new MemoryCacheOptions { SizeLimit = (long)key.Size * SizePerQuery, TrackStatistics = true }));

    /// <summary>How many entries the cache holds now.</summary>
    public long Count => (Cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0) / SizePerQuery;
}
