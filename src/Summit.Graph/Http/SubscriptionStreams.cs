using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Http;

/// <summary>
/// What both live transports share: the bound on subscriptions held at once, and turning an executed
/// operation into the sequence of results to send (one for a query or mutation, one per event for a subscription).
/// </summary>
public sealed class SubscriptionStreams(IOptions<GraphQLHttpOptions> options)
{
    /// <summary>Events buffered per subscriber before the oldest are dropped: a slow client cannot hold the server's memory.</summary>
    private const int BufferedEvents = 64;
    private int active;

    /// <summary>A slot for one subscription, or null when <see cref="GraphQLHttpOptions.MaxSubscriptions"/> are live.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref active) <= options.Value.MaxSubscriptions)
        {
            return new Slot(this);
        }

        Interlocked.Decrement(ref active);
        return null;
    }

    /// <summary>The results to send; ends when the stream completes or <paramref name="cancellationToken"/> fires, and unsubscribes then.</summary>
    public static async IAsyncEnumerable<ExecutionResult> ResultsAsync(ExecutionResult executed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (executed.Streams is not { Count: > 0 } streams)
        {
            yield return executed;
            yield break;
        }

        var channel = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(BufferedEvents) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = streams.Values.First().Subscribe(new ChannelObserver(channel.Writer));
        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            while (channel.Reader.TryRead(out var result))
            {
                yield return result;
            }
        }
    }

    private sealed class Slot(SubscriptionStreams owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.active);
            }
        }
    }

    private sealed class ChannelObserver(ChannelWriter<ExecutionResult> writer) : IObserver<ExecutionResult>
    {
        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error) => writer.TryWrite(new ExecutionResult { Errors = [new ExecutionError(error.Message)] });

        public void OnNext(ExecutionResult value) => writer.TryWrite(value);
    }
}
