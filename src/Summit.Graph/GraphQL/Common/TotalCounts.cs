using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Summit.Graph.Live;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// The <c>totalCount</c> of a root connection, kept per field, <c>where</c> and visibility until the content
/// changes. Counting reads every match, however small the page: 2,016 matching sessions took 0.5 ms of SQLite
/// alone, and a front end asks the same count for every visitor of a list. Each count is stored with the
/// content token that HTTP caching uses (<see cref="ContentChangeNotifier.ContentTokenAsync"/>) and used only
/// while that token holds, so any committed change, on any instance, counts again. Bounded by entries, not
/// bytes: a key is as long as its <c>where</c>, which the request size limits.
/// </summary>
public sealed class TotalCounts(ContentChangeNotifier changes) : IDisposable
{
    private const int MaxEntries = 10_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The count of <paramref name="filtered"/>, the rows of <paramref name="field"/> that <paramref name="where"/> selects.</summary>
    public async Task<int> CountAsync<T>(IQueryable<T> filtered, string field, IReadOnlyDictionary<string, object?>? where, bool includeDrafts, CancellationToken cancellationToken)
    {
        // Read before counting: a change committed meanwhile makes the count stored under an older token.
        var token = await changes.ContentTokenAsync(includeDrafts);
        var key = new Key(field, includeDrafts, where is null ? "" : JsonSerializer.Serialize(where));
        if (cache.TryGetValue(key, out Counted? counted) && counted!.Token == token)
        {
            return counted.Count;
        }

        var count = await filtered.CountAsync(cancellationToken);
        cache.Set(key, new Counted(token, count), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return count;
    }

    public void Dispose() => cache.Dispose();

    private sealed record Key(string Field, bool IncludeDrafts, string Where);

    private sealed record Counted(string Token, int Count);
}
