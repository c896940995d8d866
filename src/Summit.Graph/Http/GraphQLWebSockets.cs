using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using Microsoft.Extensions.Options;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Limits;

namespace Summit.Graph.Http;

/// <summary>
/// GraphQL over WebSocket on <c>/graphql</c> in both sub-protocols HotChocolate speaks (<see cref="WebSocketDialect"/>):
/// graphql-transport-ws (the npm package graphql-ws), preferred when a client offers both, and the older graphql-ws
/// (subscriptions-transport-ws). One connection core serves both: <c>connection_init</c> (optionally with
/// <c>{"Authorization": "Bearer &lt;key&gt;"}</c>, since browsers cannot set headers on WebSockets), queries,
/// mutations and subscriptions under client-chosen ids, results, errors, completion, and the dialect's close codes.
/// Every subscription holds a slot of <see cref="SubscriptionStreams"/> and is released when it completes or the socket closes.
/// The key is checked again for every operation and every event (not once per connection), so a revoked key
/// gets <c>AUTH_INVALID_KEY</c>. Connections count against <see cref="GraphQLHttpOptions.MaxWebSockets"/> and
/// <see cref="GraphQLHttpOptions.MaxWebSocketsPerClient"/> (over either: close 1013, try again later, the reason
/// starting with the limit's code) and close (1000) after <see cref="GraphQLHttpOptions.WebSocketIdleTimeoutSeconds"/>
/// without a running operation.
/// </summary>
public sealed class GraphQLWebSockets(
    GraphQLOperations operations,
    GraphQLRequestReader reader,
    SubscriptionStreams streams,
    IGraphQLTextSerializer serializer,
    ApiKeyService keys,
    IOptions<GraphQLHttpOptions> options)
{
    private const int MaxMessageBytes = 64 * 1024;
    private readonly ClientShares connections = new(options.Value.MaxWebSockets, options.Value.MaxWebSocketsPerClient);

    private GraphQLOperations Operations { get; } = operations;

    private GraphQLRequestReader Reader { get; } = reader;

    private SubscriptionStreams Streams { get; } = streams;

    private IGraphQLTextSerializer Serializer { get; } = serializer;

    private ApiKeyService Keys { get; } = keys;

    private TimeSpan IdleTimeout { get; } = TimeSpan.FromSeconds(options.Value.WebSocketIdleTimeoutSeconds);

    private TimeSpan InitTimeout { get; } = TimeSpan.FromSeconds(options.Value.WebSocketInitTimeoutSeconds);

    /// <summary>Open WebSocket connections, for tests that check clean-up.</summary>
    public int ConnectionCount => connections.Count;

    /// <summary>
    /// Accepts a WebSocket upgrade asking for graphql-transport-ws or graphql-ws and serves it until it closes; any
    /// other upgrade gets 400.
    /// </summary>
    public async Task HandleAsync(HttpContext http)
    {
        if (WebSocketDialect.Choose(http.WebSockets.WebSocketRequestedProtocols) is not { } dialect)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"Ask for the '{WebSocketDialect.GraphQLTransportWs.SubProtocol}' or the '{WebSocketDialect.GraphQLWs.SubProtocol}' subprotocol.", http.RequestAborted);
            return;
        }

        // Only the address is known before the socket opens: keys arrive in connection_init.
        using var share = connections.TryEnter(ClientShares.ClientOf(null, http), out var clientFull);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(dialect.SubProtocol);
        if (share is null)
        {
            // Accepted to be refused: browsers see close codes and reasons, never the status of a refused upgrade.
            var reason = clientFull
                ? $"{LimitCodes.ClientWebSockets}: at most {options.Value.MaxWebSocketsPerClient} per client"
                : $"{LimitCodes.WebSockets}: at most {options.Value.MaxWebSockets} in all";
            await socket.CloseOutputAsync((WebSocketCloseStatus)1013, reason, http.RequestAborted);
            return;
        }

        using var connection = new Connection(this, dialect, socket, http);
        await connection.RunAsync();
    }

    private sealed class Connection(GraphQLWebSockets owner, WebSocketDialect dialect, WebSocket socket, HttpContext http) : IDisposable
    {
        private readonly SemaphoreSlim sendLock = new(1, 1);
        private readonly ConcurrentDictionary<string, RunningOperation> subscriptions = new();
        private readonly List<Task> running = [];
        private ClaimsPrincipal user = http.User;
        private bool initialised;
        private long lastBusy = System.Diagnostics.Stopwatch.GetTimestamp();

        public async Task RunAsync()
        {
            using var closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var initTimeout = CloseUnlessInitialisedAsync(closing.Token);
            var idleTimeout = CloseWhenIdleAsync(closing.Token);
            var keepAlive = KeepAliveAsync(closing.Token);
            try
            {
                while (socket.State == WebSocketState.Open && await ReceiveAsync(closing.Token) is { } message)
                {
                    if (!await HandleAsync(message, closing.Token))
                    {
                        break;
                    }
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The client went away; what it subscribed to is cleaned up below.
            }
            finally
            {
                // Every subscription's token is linked to this one: cancelling each of them here as well raced with
                // the subscription's own clean-up, which disposes its token source (an ObjectDisposedException).
                await closing.CancelAsync();
                Task[] pending;
                lock (running)
                {
                    pending = [.. running];
                }

                await Task.WhenAll(pending);
                await initTimeout;
                await idleTimeout;
                await keepAlive;
            }
        }

        /// <summary>
        /// The protocols give a client a while (<see cref="GraphQLHttpOptions.WebSocketInitTimeoutSeconds"/>) to send
        /// connection_init, then close (graphql-transport-ws 4408, graphql-ws 1002).
        /// </summary>
        private async Task CloseUnlessInitialisedAsync(CancellationToken closing)
        {
            try
            {
                await Task.Delay(owner.InitTimeout, closing);
                if (!initialised)
                {
                    await CloseAsync(dialect.InitTimeout);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The connection ended first.
            }
        }

        /// <summary>
        /// Closes the connection once it has run no operation for the idle timeout: an idle socket holds memory
        /// and a share of <see cref="GraphQLHttpOptions.MaxWebSockets"/> for nothing. Pings do not count as work.
        /// </summary>
        private async Task CloseWhenIdleAsync(CancellationToken closing)
        {
            var idle = owner.IdleTimeout;
            try
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(idle.TotalSeconds / 4, 0.1, 15)));
                while (await timer.WaitForNextTickAsync(closing))
                {
                    if (subscriptions.IsEmpty && System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref lastBusy)) >= idle)
                    {
                        await CloseAsync(new(WebSocketCloseStatus.NormalClosure, FormattableString.Invariant($"Idle for {idle.TotalSeconds:0.#} s (GraphQL:WebSocketIdleTimeoutSeconds)")));
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The connection ended first.
            }
        }

        /// <summary>graphql-ws's <c>ka</c>, sent every <see cref="WebSocketDialect.KeepAliveInterval"/> once acknowledged; not work for the idle timeout.</summary>
        private async Task KeepAliveAsync(CancellationToken closing)
        {
            if (dialect.KeepAliveInterval is not { } interval)
            {
                return;
            }

            try
            {
                using var timer = new PeriodicTimer(interval);
                while (await timer.WaitForNextTickAsync(closing))
                {
                    if (initialised)
                    {
                        await SendAsync(new JsonObject { ["type"] = "ka" }, closing);
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The connection ended.
            }
        }

        public void Dispose() => sendLock.Dispose();

        /// <returns>False once the connection is closed.</returns>
        private async Task<bool> HandleAsync(JsonNode message, CancellationToken cancellationToken)
        {
            var type = message["type"]?.GetValueKind() == JsonValueKind.String ? message["type"]!.GetValue<string>() : null;
            var id = message["id"]?.GetValueKind() == JsonValueKind.String ? message["id"]!.GetValue<string>() : null;
            ClientMessage? kind = type is not null && dialect.ClientMessages.TryGetValue(type, out var known) ? known : null;
            switch (kind)
            {
                case ClientMessage.Init:
                    if (initialised)
                    {
                        return await CloseAsync(dialect.TooManyInits);
                    }

                    bool authenticated;
                    try
                    {
                        authenticated = await AuthenticateAsync(message["payload"], cancellationToken);
                    }
                    catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
                    {
                        // Uncaught this aborted the socket unexplained; 4403 would tell clients the key is bad for good.
                        return await RefuseAsync(DatabaseErrors.UnavailableMessage, DatabaseErrors.UnavailableCode,
                            new((WebSocketCloseStatus)1013, $"{DatabaseErrors.UnavailableCode}: the key could not be checked; try again shortly"), cancellationToken);
                    }

                    if (!authenticated)
                    {
                        return await RefuseAsync(InvalidKey.Error().Message, InvalidKey.Code, dialect.Rejected, cancellationToken);
                    }

                    initialised = true;
                    await SendAsync(new JsonObject { ["type"] = "connection_ack" }, cancellationToken);
                    return true;
                case ClientMessage.Ping:
                    await SendAsync(new JsonObject { ["type"] = "pong" }, cancellationToken);
                    return true;
                case ClientMessage.Ignored:
                    return true;
                case ClientMessage.Terminate:
                    return await CloseAsync(new(WebSocketCloseStatus.NormalClosure, "connection_terminate"));
                case ClientMessage.Start when id is not null:
                    if (!initialised)
                    {
                        return await CloseAsync(dialect.NotInitialised);
                    }

                    if (subscriptions.ContainsKey(id))
                    {
                        return await CloseAsync(dialect.DuplicateId(id));
                    }

                    Subscribe(id, message["payload"], cancellationToken);
                    return true;
                case ClientMessage.Stop when id is not null:
                    if (subscriptions.TryRemove(id, out var stopped))
                    {
                        await stopped.StopAsync();
                    }

                    return true;
                default:
                    return await CloseAsync(new(4400, $"Invalid message type '{type}'"));
            }
        }

        private async Task<bool> AuthenticateAsync(JsonNode? payload, CancellationToken cancellationToken)
        {
            var authorization = payload is JsonObject fields ? fields["Authorization"] ?? fields["authorization"] : null;
            if (authorization is null)
            {
                return true;
            }

            // A value that is not a string is a malformed key, refused as HTTP refuses one: never served as anonymous.
            if (authorization.GetValueKind() != JsonValueKind.String || authorization.GetValue<string>() is not { } header)
            {
                return false;
            }

            var holder = await ApiKeyAuthenticationHandler.FindAsync(owner.Keys, header, cancellationToken);
            if (holder is null)
            {
                return false;
            }

            user = ApiKeyAuthenticationHandler.PrincipalOf(holder);
            return true;
        }

        private void Subscribe(string id, JsonNode? payload, CancellationToken connectionClosing)
        {
            var operation = new RunningOperation(CancellationTokenSource.CreateLinkedTokenSource(connectionClosing));
            subscriptions[id] = operation;
            Interlocked.Exchange(ref lastBusy, System.Diagnostics.Stopwatch.GetTimestamp());
            lock (running)
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunSubscriptionAsync(id, payload, operation));
            }
        }

        private async Task RunSubscriptionAsync(string id, JsonNode? payload, RunningOperation operation)
        {
            var token = operation.Cancel.Token;
            try
            {
                using var document = JsonDocument.Parse(payload?.ToJsonString() ?? "null");
                if (!owner.Reader.TryRead(document.RootElement, out var request, out var readError))
                {
                    await SendErrorAsync(id, readError, token);
                    return;
                }

                // Authorised per operation: the key checked at connection_init may have been revoked since.
                if (await owner.Streams.AuthoriseAsync(user, token) is { } refused)
                {
                    await SendErrorAsync(id, refused, token);
                    return;
                }

                var prepared = owner.Operations.Prepare(request, user, http);
                if (prepared.Error is { } error)
                {
                    await SendErrorAsync(id, error, token);
                    return;
                }

                var (slot, refusal) = owner.Streams.TryEnter(user, http);
                using var held = slot;
                operation.Slot = slot;
                if (refusal is not null)
                {
                    await SendErrorAsync(id, refusal, token);
                    return;
                }

                // Each operation gets its own scope: loaders cache per scope, and a socket lives long.
                await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                var executed = await owner.Operations.ExecuteAsync(prepared, user, scope.ServiceProvider, token);
                if (executed is { Executed: false, Errors: not null })
                {
                    await SendAsync(dialect.Error(id, Serialize(executed)["errors"]!.AsArray()), token);
                    return;
                }

                await foreach (var result in owner.Streams.ResultsAsync(executed, user, token))
                {
                    await SendAsync(dialect.Result(id, Serialize(result)), token);
                }

                await SendAsync(new JsonObject { ["id"] = id, ["type"] = "complete" }, token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // Completed by the client, or the socket closed.
            }
            finally
            {
                subscriptions.TryRemove(new KeyValuePair<string, RunningOperation>(id, operation));
                Interlocked.Exchange(ref lastBusy, System.Diagnostics.Stopwatch.GetTimestamp());
                operation.Cancel.Dispose();
            }
        }

        /// <summary>
        /// An operation running under a client's id: how to cancel it and, once it holds one, its subscription slot.
        /// <see cref="StopAsync"/> (the client's <c>complete</c>) gives the slot back at once, so a client at its limit
        /// may subscribe again right after completing one, without waiting for the cancelled operation to unwind.
        /// </summary>
        private sealed class RunningOperation(CancellationTokenSource cancel)
        {
            public CancellationTokenSource Cancel => cancel;

            private IDisposable? slot;

            /// <summary>The subscription slot it holds; disposing a slot twice releases it once.</summary>
            public IDisposable? Slot
            {
                get => Volatile.Read(ref slot);
                set => Volatile.Write(ref slot, value);
            }

            public async Task StopAsync()
            {
                Slot?.Dispose();
                try
                {
                    await cancel.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                    // The operation ended on its own meanwhile and disposed its token source.
                }
            }
        }

        private JsonNode Serialize(ExecutionResult result) => JsonNode.Parse(owner.Serializer.Serialize(result))!;

        private Task SendErrorAsync(string id, ExecutionError error, CancellationToken cancellationToken) =>
            SendAsync(dialect.Error(id, Serialize(GraphQLOperations.ErrorResult(error))["errors"]!.AsArray()), cancellationToken);

        /// <summary>Refuses a connection_init: graphql-ws hears why in a connection_error first; then the connection closes.</summary>
        private async Task<bool> RefuseAsync(string message, string code, ProtocolClose close, CancellationToken cancellationToken)
        {
            if (dialect.SendsConnectionError)
            {
                await SendAsync(WebSocketDialect.ConnectionError(message, code), cancellationToken);
            }

            return await CloseAsync(close);
        }

        private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await sendLock.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                sendLock.Release();
            }
        }

        /// <returns>False: the connection is over.</returns>
        private async Task<bool> CloseAsync(ProtocolClose close)
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(close.Status, close.Reason, CancellationToken.None);
            }

            return false;
        }

        /// <summary>The next message as JSON; null when the client closed. Oversized or non-JSON messages close the socket.</summary>
        private async Task<JsonNode?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[4096];
            using var message = new MemoryStream();
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(new(WebSocketCloseStatus.NormalClosure, ""));
                    return null;
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > MaxMessageBytes)
                {
                    await CloseAsync(new(WebSocketCloseStatus.MessageTooBig, "Message too big"));
                    return null;
                }

                if (received.EndOfMessage)
                {
                    break;
                }
            }

            // Bounded like an HTTP body before any tree is built; the protocol answers a message it cannot take
            // with 4400, here with the limit's code as the reason.
            var bytes = message.ToArray();
            if (owner.Reader.CheckBounds(bytes, out var notJson) is { } tooLarge)
            {
                return await Invalid(tooLarge.Code!);
            }

            try
            {
                return !notJson && JsonNode.Parse(bytes) is JsonObject parsed ? parsed : await Invalid("Invalid message");
            }
            catch (JsonException)
            {
                return await Invalid("Invalid message");
            }

            async Task<JsonNode?> Invalid(string reason)
            {
                await CloseAsync(new(4400, reason));
                return null;
            }
        }
    }
}
