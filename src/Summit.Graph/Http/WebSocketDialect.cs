using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Summit.Graph.Http;

/// <summary>What a client's message asks of the connection, whichever dialect named it.</summary>
public enum ClientMessage
{
    /// <summary><c>connection_init</c>: the optional key, then the connection's acknowledgement.</summary>
    Init,

    /// <summary><c>subscribe</c> (graphql-transport-ws) or <c>start</c> (graphql-ws): run an operation under an id.</summary>
    Start,

    /// <summary><c>complete</c> (graphql-transport-ws) or <c>stop</c> (graphql-ws): the client ends an operation.</summary>
    Stop,

    /// <summary><c>ping</c> (graphql-transport-ws only): answered with <c>pong</c>.</summary>
    Ping,

    /// <summary>A message the protocol allows and that asks for nothing (<c>pong</c>; graphql-ws's <c>ka</c>).</summary>
    Ignored,

    /// <summary><c>connection_terminate</c> (graphql-ws only): the client closes the connection.</summary>
    Terminate,
}

/// <summary>A close the protocol prescribes: its status code and reason.</summary>
public readonly record struct ProtocolClose(WebSocketCloseStatus Status, string Reason)
{
    /// <summary>The most UTF-8 bytes a close frame carries as its reason (RFC 6455 §5.5: 125 bytes of payload, 2 of them the code).</summary>
    public const int MaxReasonBytes = 123;

    public ProtocolClose(int status, string reason)
        : this((WebSocketCloseStatus)status, reason)
    {
    }

    /// <summary>The reason, cut to <see cref="MaxReasonBytes"/> with an ellipsis when longer: reasons quote what a client sent (a message type, an id), and a longer one makes the close itself throw.</summary>
    public string Reason { get; init; } = Fit(Reason);

    private static string Fit(string reason)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        const char Ellipsis = '…';
        var budget = MaxReasonBytes - new System.Text.Rune(Ellipsis).Utf8SequenceLength;
        var cut = new System.Text.StringBuilder();
        foreach (var rune in reason.EnumerateRunes())
        {
            budget -= rune.Utf8SequenceLength;
            if (budget < 0)
            {
                break;
            }

            cut.Append(rune.ToString());
        }

        return cut.Append(Ellipsis).ToString();
    }
}

/// <summary>
/// The words and close codes of one GraphQL-over-WebSocket sub-protocol, as HotChocolate 16 speaks it; the connection
/// (<see cref="GraphQLWebSockets"/>) is the same for both, so limits, authorisation and clean-up cannot differ:
/// <list type="bullet">
/// <item><see cref="GraphQLTransportWs"/>: <c>graphql-transport-ws</c>, the protocol of the npm package graphql-ws.</item>
/// <item><see cref="GraphQLWs"/>: <c>graphql-ws</c>, the older protocol of subscriptions-transport-ws (Apollo's
/// <c>WebSocketLink</c>): <c>start</c>/<c>data</c>/<c>stop</c>, a <c>ka</c> keep-alive every
/// <see cref="KeepAliveInterval"/>, a rejected <c>connection_init</c> answered with <c>connection_error</c> before the close.</item>
/// </list>
/// </summary>
public sealed class WebSocketDialect
{
    public static readonly WebSocketDialect GraphQLTransportWs = new()
    {
        SubProtocol = "graphql-transport-ws",
        ClientMessages = new Dictionary<string, ClientMessage>
        {
            ["connection_init"] = ClientMessage.Init,
            ["subscribe"] = ClientMessage.Start,
            ["complete"] = ClientMessage.Stop,
            ["ping"] = ClientMessage.Ping,
            ["pong"] = ClientMessage.Ignored,
        },
        ResultType = "next",
        ErrorsAsList = true,
        InitTimeout = new(4408, "Connection initialisation timeout"),
        TooManyInits = new(4429, "Too many initialisation requests"),
        NotInitialised = new(4401, "Unauthorized"),
        DuplicateId = id => new(4409, $"Subscriber for {id} already exists"),
        Rejected = new(4403, "Forbidden"),
    };

    public static readonly WebSocketDialect GraphQLWs = new()
    {
        SubProtocol = "graphql-ws",
        ClientMessages = new Dictionary<string, ClientMessage>
        {
            ["connection_init"] = ClientMessage.Init,
            ["start"] = ClientMessage.Start,
            ["stop"] = ClientMessage.Stop,
            ["ka"] = ClientMessage.Ignored,
            ["connection_terminate"] = ClientMessage.Terminate,
        },
        ResultType = "data",
        ErrorsAsList = false,
        KeepAliveInterval = TimeSpan.FromSeconds(5),
        InitTimeout = new(WebSocketCloseStatus.ProtocolError, "Connection initialisation timeout"),
        TooManyInits = new(WebSocketCloseStatus.ProtocolError, "Too many initialisation requests"),
        // The protocol has no code for it: HotChocolate treats an operation before connection_init as an invalid message.
        NotInitialised = new(4400, "Invalid message type 'start' before connection_init"),
        DuplicateId = id => new(WebSocketCloseStatus.InternalServerError, $"The subscription id {id} is not unique"),
        Rejected = new(WebSocketCloseStatus.NormalClosure, "Forbidden"),
        SendsConnectionError = true,
    };

    private WebSocketDialect()
    {
    }

    /// <summary>The <c>Sec-WebSocket-Protocol</c> value.</summary>
    public required string SubProtocol { get; init; }

    /// <summary>The message types a client may send; any other closes the connection with 4400.</summary>
    public required IReadOnlyDictionary<string, ClientMessage> ClientMessages { get; init; }

    /// <summary>The type of a message carrying one result: <c>next</c> or <c>data</c>.</summary>
    public required string ResultType { get; init; }

    /// <summary>
    /// Whether an <c>error</c> message carries the list of errors (graphql-transport-ws) or the first error alone
    /// (graphql-ws, as HotChocolate sends it).
    /// </summary>
    public required bool ErrorsAsList { get; init; }

    /// <summary>How often the server sends <c>ka</c> once the connection is acknowledged; null: the protocol has none.</summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    public required ProtocolClose InitTimeout { get; init; }

    public required ProtocolClose TooManyInits { get; init; }

    /// <summary>The close for an operation before <c>connection_init</c> was acknowledged.</summary>
    public required ProtocolClose NotInitialised { get; init; }

    /// <summary>The close for an operation under an id that is running (graphql-transport-ws 4409, graphql-ws 1011).</summary>
    public required Func<string, ProtocolClose> DuplicateId { get; init; }

    /// <summary>The close for a <c>connection_init</c> with a key that is not live.</summary>
    public required ProtocolClose Rejected { get; init; }

    /// <summary>Whether a refused <c>connection_init</c> is answered with <c>connection_error</c> before the close.</summary>
    public bool SendsConnectionError { get; init; }

    /// <summary>
    /// The dialect of the first sub-protocol the server speaks among <paramref name="requested"/>, graphql-transport-ws
    /// before graphql-ws when a client offers both; null when it speaks none of them.
    /// </summary>
    public static WebSocketDialect? Choose(IList<string> requested) =>
        requested.Contains(GraphQLTransportWs.SubProtocol) ? GraphQLTransportWs
        : requested.Contains(GraphQLWs.SubProtocol) ? GraphQLWs
        : null;

    /// <summary>The message of one result (<c>{"data": ..., "errors": ...}</c>) of operation <paramref name="id"/>.</summary>
    public JsonObject Result(string id, JsonNode payload) => new() { ["id"] = id, ["type"] = ResultType, ["payload"] = payload };

    /// <summary>The message refusing operation <paramref name="id"/> before it ran (it ends the operation).</summary>
    public JsonObject Error(string id, JsonArray errors) => new() { ["id"] = id, ["type"] = "error", ["payload"] = ErrorsAsList ? errors.DeepClone() : errors[0]?.DeepClone() };

    /// <summary>graphql-ws's refusal of a <c>connection_init</c>: <c>{"type": "connection_error", "payload": {"message", "extensions": {"code"}}}</c>.</summary>
    public static JsonObject ConnectionError(string message, string? code) => new()
    {
        ["type"] = "connection_error",
        ["payload"] = new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } },
    };
}
