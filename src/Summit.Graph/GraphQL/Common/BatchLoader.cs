using GraphQL.DataLoader;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Collects keys from every resolver of one field occurrence and loads them in one query. GraphQL.NET
/// completes <see cref="IDataLoaderResult{T}"/> values after the other fields of the same level, so by
/// the time the first result is awaited, every sibling has queued its key.
/// </summary>
/// <param name="fetch">Loads the values of a batch of keys; a key it leaves out gets <paramref name="missing"/>.</param>
/// <param name="missing">The value of a key that has no row: null for an item, an empty list for children.</param>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing = default!)
    where TKey : notnull
{
    private readonly Lock gate = new();

    /// <summary>Every batch started, with its keys; a list, as a field occurrence rarely has more than one.</summary>
    private readonly List<(HashSet<TKey> Keys, Task<IReadOnlyDictionary<TKey, TValue>> Values)> batches = [];

    // Keys queued since the last batch, in a list (a key queued twice is fetched once: the batch's set removes it).
    private readonly List<TKey> pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (gate)
        {
            if (BatchOf(key) is null)
            {
                pending.Add(key);
            }
        }

        return new Pending(this, key);
    }

    /// <summary>The values of the batch <paramref name="key"/> is in, started by this call when the key is still pending.</summary>
    private Task<IReadOnlyDictionary<TKey, TValue>> ValuesFor(TKey key, CancellationToken cancellationToken)
    {
        HashSet<TKey> keys;
        TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>> fetched;
        lock (gate)
        {
            if (BatchOf(key) is { } started)
            {
                return started;
            }

            keys = [.. pending];
            pending.Clear();
            fetched = new TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
            batches.Add((keys, fetched.Task));
        }

        // The first caller fetches the batch itself, off the lock, and continues on the fetch's own task (no hop to
        // another thread); the other callers wait for the completion source.
        return FetchAsync(keys, fetched, cancellationToken);
    }

    private Task<IReadOnlyDictionary<TKey, TValue>>? BatchOf(TKey key)
    {
        foreach (var (keys, values) in batches)
        {
            if (keys.Contains(key))
            {
                return values;
            }
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(HashSet<TKey> keys, TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>> fetched, CancellationToken cancellationToken)
    {
        try
        {
            var values = await fetch(keys, cancellationToken);
            fetched.SetResult(values);
            return values;
        }
        catch (Exception exception)
        {
            fetched.SetException(exception);
            throw;
        }
    }

    private TValue ValueOf(IReadOnlyDictionary<TKey, TValue> values, TKey key) => values.TryGetValue(key, out var value) ? value : missing;

    private bool TryGetArrived(TKey key, out TValue value)
    {
        Task<IReadOnlyDictionary<TKey, TValue>>? batch;
        lock (gate)
        {
            batch = BatchOf(key);
        }

        var arrived = batch is { IsCompletedSuccessfully: true };
        value = arrived ? ValueOf(batch!.Result, key) : default!;
        return arrived;
    }

    private async Task<TValue> ValueAsync(Task<IReadOnlyDictionary<TKey, TValue>> values, TKey key) => ValueOf(await values, key);

    private async Task<object?> BoxedValueAsync(Task<IReadOnlyDictionary<TKey, TValue>> values, TKey key) => ValueOf(await values, key);

    /// <summary>
    /// One parent's or item's result. Most are asked for after their batch arrived (GraphQL.NET awaits them in turn),
    /// so those answer with a completed task and no state machine: one allocation per row, not three.
    /// </summary>
    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>, IArrivedDataLoaderResult
    {
        public bool TryGetArrived(out object? value)
        {
            var arrived = loader.TryGetArrived(key, out var typed);
            value = typed;
            return arrived;
        }

        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = loader.ValuesFor(key, cancellationToken);
            return values.IsCompletedSuccessfully ? Task.FromResult(loader.ValueOf(values.Result, key)) : loader.ValueAsync(values, key);
        }

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
        {
            var values = loader.ValuesFor(key, cancellationToken);
            return values.IsCompletedSuccessfully ? Task.FromResult<object?>(loader.ValueOf(values.Result, key)) : loader.BoxedValueAsync(values, key);
        }
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
    /// <param name="state">What <paramref name="create"/> needs: passed rather than captured, so that finding an existing loader allocates nothing.</param>
    public TLoader GetOrAdd<TState, TLoader>(object fieldNode, string variant, TState state, Func<TState, TLoader> create)
        where TLoader : class
    {
        var key = new LoaderKey(fieldNode, variant);
        lock (gate)
        {
            if (!loaders.TryGetValue(key, out var loader))
            {
                loader = create(state);
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
