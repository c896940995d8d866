using GraphQL.DataLoader;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Collects keys from every resolver of one field occurrence and loads them in one query. GraphQL.NET
/// completes <see cref="IDataLoaderResult{T}"/> values after the other fields of the same level, so by
/// the time the first result is awaited, every sibling has queued its key.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, TValue> loaded = [];
    private readonly Dictionary<TKey, Task> inFlight = [];
    private HashSet<TKey> pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (gate)
        {
            if (!loaded.ContainsKey(key) && !inFlight.ContainsKey(key))
            {
                pending.Add(key);
            }
        }

        return new Pending(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        Task batch;
        HashSet<TKey>? keys = null;
        TaskCompletionSource? fetched = null;
        lock (gate)
        {
            if (loaded.TryGetValue(key, out var value))
            {
                return value;
            }

            if (pending.Contains(key))
            {
                keys = pending;
                pending = [];
                fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                batch = fetched.Task;
                foreach (var queued in keys)
                {
                    inFlight[queued] = batch;
                }
            }
            else
            {
                batch = inFlight[key];
            }
        }

        if (keys is not null)
        {
            // The first caller fetches the batch itself, off the lock, without a hop to another thread; the
            // other callers wait for its completion source.
            await FetchAsync(keys, fetched!, cancellationToken);
        }
        else
        {
            await batch;
        }

        lock (gate)
        {
            return loaded.GetValueOrDefault(key);
        }
    }

    private async Task FetchAsync(HashSet<TKey> keys, TaskCompletionSource fetched, CancellationToken cancellationToken)
    {
        try
        {
            var results = await fetch(keys, cancellationToken);
            lock (gate)
            {
                foreach (var key in keys)
                {
                    loaded[key] = results.TryGetValue(key, out var value) ? value : default!;
                    inFlight.Remove(key);
                }
            }

            fetched.SetResult();
        }
        catch (Exception exception)
        {
            fetched.SetException(exception);
            throw;
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>
/// The batch loaders of one request, one per field occurrence in the document (its AST node), so every
/// occurrence batches its own keys with its own arguments and projection.
/// </summary>
public sealed class RequestLoaders
{
    private readonly Lock gate = new();
    private readonly Dictionary<LoaderKey, object> loaders = [];

    /// <param name="fieldNode">The field's AST node, compared by reference.</param>
    /// <param name="variant">Separates loaders of one field, such as <c>node(id:)</c>'s per concrete type.</param>
    public TLoader GetOrAdd<TLoader>(object fieldNode, string variant, Func<TLoader> create)
        where TLoader : class
    {
        var key = new LoaderKey(fieldNode, variant);
        lock (gate)
        {
            if (!loaders.TryGetValue(key, out var loader))
            {
                loader = create();
                loaders.Add(key, loader);
            }

            return (TLoader)loader;
        }
    }

    private readonly record struct LoaderKey(object FieldNode, string Variant)
    {
        public bool Equals(LoaderKey other) => ReferenceEquals(FieldNode, other.FieldNode) && Variant == other.Variant;

        public override int GetHashCode() => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(FieldNode), Variant);
    }
}

public static class DataLoaderResultExtensions
{
    /// <summary>A pending result mapped through <paramref name="map"/> once it arrives.</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(result, map);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
