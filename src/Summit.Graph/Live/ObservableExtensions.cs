namespace Summit.Graph.Live;

public static class ObservableExtensions
{
    /// <summary>
    /// Passes on what <paramref name="map"/> turns into a value and drops what it maps to null: the one operator
    /// subscriptions need, without taking a dependency on System.Reactive.
    /// </summary>
    public static IObservable<TOut> Choose<TIn, TOut>(this IObservable<TIn> source, Func<TIn, TOut?> map)
        where TOut : class =>
        new Chosen<TIn, TOut>(source, map);

    private sealed class Chosen<TIn, TOut>(IObservable<TIn> source, Func<TIn, TOut?> map) : IObservable<TOut>
        where TOut : class
    {
        public IDisposable Subscribe(IObserver<TOut> observer) => source.Subscribe(new Observer(observer, map));

        private sealed class Observer(IObserver<TOut> target, Func<TIn, TOut?> map) : IObserver<TIn>
        {
            public void OnCompleted() => target.OnCompleted();

            public void OnError(Exception error) => target.OnError(error);

            public void OnNext(TIn value)
            {
                if (map(value) is { } mapped)
                {
                    target.OnNext(mapped);
                }
            }
        }
    }
}
