using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.Channels;
using GraphQL;
using Microsoft.Extensions.Options;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Limits;

namespace Summit.Graph.Http;

/// <summary>
/// What both live transports share: the bound on subscriptions held at once (in all and per client), turning
/// an executed operation into the sequence of results to send (one for a query or mutation, one per event for
/// a subscription), and authorising every event: a subscriber whose key was revoked gets
/// <see cref="InvalidKey.Code"/> instead of the next event, or within a second or two when no event comes, and
/// the stream ends.
/// </summary>
public sealed class SubscriptionStreams(IOptions<GraphQLHttpOptions> options, ApiKeyService keys)
{
    /// <summary>
    /// Events a subscriber may fall behind before its stream ends with <see cref="LimitCodes.SlowSubscriber"/>: a client
    /// that stops reading cannot make the server hold its events (49 such streams held 6.7 GB after 80 edits when
    /// each kept 64 events). A client reading at any ordinary pace is never this far behind.
    /// </summary>
    public const int BufferedEvents = 8;
    private readonly ClientShares slots = new(options.Value.MaxSubscriptions, options.Value.MaxSubscriptionsPerClient);

    /// <summary>
    /// A slot for one subscription of <paramref name="user"/> (its key, or the address of <paramref name="http"/>),
    /// or the error that refuses it: <see cref="LimitCodes.Subscriptions"/> when the server holds
    /// <see cref="GraphQLHttpOptions.MaxSubscriptions"/>, <see cref="LimitCodes.ClientSubscriptions"/> when the
    /// client holds <see cref="GraphQLHttpOptions.MaxSubscriptionsPerClient"/>.
    /// </summary>
    public (IDisposable? Slot, LimitError? Refusal) TryEnter(ClaimsPrincipal user, HttpContext http)
    {
        var slot = slots.TryEnter(ClientShares.ClientOf(user, http), out var clientFull);
        return slot is not null ? (slot, null)
            : clientFull ? (null, new LimitError(LimitCodes.ClientSubscriptions, string.Create(CultureInfo.InvariantCulture,
                $"You hold {options.Value.MaxSubscriptionsPerClient} subscriptions, as many as one client may (GraphQL:MaxSubscriptionsPerClient); complete one first.")))
            : (null, new LimitError(LimitCodes.Subscriptions, "The server holds as many subscriptions as it allows (GraphQL:MaxSubscriptions); try again later."));
    }

    /// <summary>
    /// Null while <paramref name="user"/>'s key is live (see <see cref="ApiKeyService.IsStillValidAsync"/>);
    /// else the error to answer with (<see cref="InvalidKey.Code"/>, or <see cref="DatabaseErrors.UnavailableCode"/> when it cannot be checked).
    /// </summary>
    public async Task<ExecutionError?> AuthoriseAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return await keys.IsStillValidAsync(user, cancellationToken) ? null : InvalidKey.Error();
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            return new ExecutionError(DatabaseErrors.UnavailableMessage) { Code = DatabaseErrors.UnavailableCode };
        }
    }

    /// <summary>
    /// The results to send; ends when the stream completes or <paramref name="cancellationToken"/> fires, and
    /// unsubscribes then. <paramref name="user"/> is authorised again before each event and, when it holds a key,
    /// at least every <see cref="ApiKeyService.RecheckAfter"/> while nothing happens: once that fails the event
    /// (computed with the key's access) is dropped, a last result carries the error, and the stream ends.
    /// </summary>
    public async IAsyncEnumerable<ExecutionResult> ResultsAsync(ExecutionResult executed, ClaimsPrincipal user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (executed.Streams is not { Count: > 0 } streams)
        {
            yield return executed;
            yield break;
        }

        var channel = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(BufferedEvents) { FullMode = BoundedChannelFullMode.Wait });
        var observer = new ChannelObserver(channel.Writer);
        using var subscription = streams.Values.First().Subscribe(observer);
        var keyed = user.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.KeyHashClaim);
        while (await WaitToReadAsync(channel.Reader, keyed, cancellationToken))
        {
            // Checked once per wake (an event, or a key's recheck) and again before every further event.
            ExecutionResult? next = null;
            do
            {
                if (await AuthoriseAsync(user, cancellationToken) is { } refused)
                {
                    yield return GraphQLOperations.ErrorResult(refused);
                    yield break;
                }

                if (next is not null)
                {
                    yield return next;
                }
            }
            while (channel.Reader.TryRead(out next));
        }

        if (observer.Overflowed)
        {
            yield return GraphQLOperations.ErrorResult(new LimitError(LimitCodes.SlowSubscriber,
                $"The client fell {BufferedEvents} events behind and the subscription ended; subscribe again to read the current state."));
        }
    }

    /// <summary>False once the stream completed; true when an event waits or, for a key, when it is time to check it again.</summary>
    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<ExecutionResult> reader, bool keyed, CancellationToken cancellationToken)
    {
        if (!keyed)
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }

        using var recheck = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        recheck.CancelAfter(ApiKeyService.RecheckAfter);
        try
        {
            return await reader.WaitToReadAsync(recheck.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>Writes events into the subscriber's channel; a full channel ends it (<see cref="Overflowed"/>).</summary>
    private sealed class ChannelObserver(ChannelWriter<ExecutionResult> writer) : IObserver<ExecutionResult>
    {
        public bool Overflowed { get; private set; }

        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error) => writer.TryWrite(new ExecutionResult { Errors = [new ExecutionError(error.Message)] });

        public void OnNext(ExecutionResult value)
        {
            if (!writer.TryWrite(value) && !Overflowed)
            {
                Overflowed = true;
                writer.TryComplete();
            }
        }
    }
}
