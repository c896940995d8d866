using GraphQL.DataLoader;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Tests.Querying;

/// <summary>
/// The batch loader behind every nested list and reference: keys queued before the first result is asked for go to the
/// database in one fetch, later keys in another, a key is never fetched twice, a missing key gets the loader's value for
/// "no rows", and a failed fetch fails every result of its batch.
/// </summary>
public sealed class BatchLoaderTests
{
    private readonly List<int[]> fetches = [];

    private BatchLoader<int, string> Loader(string missing = "none") => new((keys, _) =>
    {
        fetches.Add([.. keys.Order()]);
        IReadOnlyDictionary<int, string> values = keys.Where(k => k % 10 != 0).ToDictionary(k => k, k => $"v{k}");
        return Task.FromResult(values);
    }, missing);

    [Fact]
    public async Task KeysQueuedTogetherAreFetchedOnceAndEachGetsItsValue()
    {
        var loader = Loader();
        List<int> keys = [3, 1, 2, 3, 10];
        var results = keys.Select(loader.Load).ToList();

        var values = new List<string>();
        foreach (var result in results)
        {
            values.Add(await result.GetResultAsync());
        }

        Assert.Equal(["v3", "v1", "v2", "v3", "none"], values);
        Assert.Equal([1, 2, 3, 10], Assert.Single(fetches));
    }

    [Fact]
    public async Task KeysQueuedAfterAFetchGoInTheNextAndFetchedKeysAreNotFetchedAgain()
    {
        var loader = Loader();
        var first = loader.Load(1);
        Assert.Equal("v1", await first.GetResultAsync());

        var again = loader.Load(1);
        var later = loader.Load(2);

        Assert.Equal("v1", await again.GetResultAsync());
        Assert.Equal("v2", await ((IDataLoaderResult)later).GetResultAsync());
        Assert.Equal([[1], [2]], fetches);
    }

    [Fact]
    public async Task ResultsAwaitedBeforeTheFetchEndsGetTheBatchsValues()
    {
        var release = new TaskCompletionSource<IReadOnlyDictionary<int, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new BatchLoader<int, string>((_, _) => release.Task, "none");
        List<int> keys = [1, 2, 3];
        var results = keys.Select(loader.Load).ToList();

        var waiting = results.Select(r => ((IDataLoaderResult)r).GetResultAsync()).ToList();
        Assert.All(waiting, task => Assert.False(task.IsCompleted));
        release.SetResult(new Dictionary<int, string> { [1] = "one", [3] = "three" });

        Assert.Equal(["one", "none", "three"], await Task.WhenAll(waiting));
    }

    [Fact]
    public async Task AFailedFetchFailsEveryResultOfItsBatch()
    {
        var loader = new BatchLoader<int, string>((_, _) => Task.FromException<IReadOnlyDictionary<int, string>>(new InvalidOperationException("down")), "none");
        List<int> keys = [1, 2];
        var results = keys.Select(loader.Load).ToList();

        foreach (var result in results)
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => result.GetResultAsync());
            Assert.Equal("down", failure.Message);
        }
    }

    /// <summary>
    /// What <see cref="QueryExecutionStrategy"/> reads to complete a row in place: nothing while the key is queued or
    /// its fetch runs, the value (or the missing value) once the batch arrived, and nothing for a failed batch, whose
    /// rows then fail through <see cref="IDataLoaderResult.GetResultAsync"/> as before.
    /// </summary>
    [Fact]
    public async Task AResultHasArrivedOnlyOnceItsBatchSucceeded()
    {
        var release = new TaskCompletionSource<IReadOnlyDictionary<int, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new BatchLoader<int, string>((_, _) => release.Task, "none");
        var found = Assert.IsAssignableFrom<IArrivedDataLoaderResult>(loader.Load(1));
        var missing = Assert.IsAssignableFrom<IArrivedDataLoaderResult>(loader.Load(2));
        Assert.False(found.TryGetArrived(out _));

        var fetching = found.GetResultAsync();
        Assert.False(missing.TryGetArrived(out _));
        release.SetResult(new Dictionary<int, string> { [1] = "one" });
        await fetching;

        Assert.True(found.TryGetArrived(out var value));
        Assert.Equal("one", value);
        Assert.True(missing.TryGetArrived(out var none));
        Assert.Equal("none", none);

        var failing = new BatchLoader<int, string>((_, _) => Task.FromException<IReadOnlyDictionary<int, string>>(new InvalidOperationException("down")), "none");
        var failed = Assert.IsAssignableFrom<IArrivedDataLoaderResult>(failing.Load(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.GetResultAsync());
        Assert.False(failed.TryGetArrived(out _));
    }
}
