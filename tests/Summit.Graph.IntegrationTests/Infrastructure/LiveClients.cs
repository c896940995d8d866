using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// The words of one GraphQL-over-WebSocket sub-protocol, as a client sends and reads them: graphql-transport-ws (npm
/// graphql-ws) or the older graphql-ws (subscriptions-transport-ws).
/// </summary>
public sealed record WebSocketProtocol(string SubProtocol, string Start, string Stop, string Result)
{
    public static readonly WebSocketProtocol TransportWs = new("graphql-transport-ws", "subscribe", "complete", "next");

    public static readonly WebSocketProtocol LegacyWs = new("graphql-ws", "start", "stop", "data");

    /// <summary>Both protocols, for tests that hold for each.</summary>
    public static TheoryData<string> Both() => new(TransportWs.SubProtocol, LegacyWs.SubProtocol);

    public static WebSocketProtocol Named(string subProtocol) => subProtocol == LegacyWs.SubProtocol ? LegacyWs : TransportWs;

    public override string ToString() => SubProtocol;
}

/// <summary>
/// A GraphQL-over-WebSocket client over a test server's in-memory WebSocket (or a real port), speaking
/// <see cref="Protocol"/> message by message. graphql-ws keep-alives (<c>ka</c>) are skipped when reading.
/// </summary>
public sealed class GraphQLWebSocket(WebSocket socket, WebSocketProtocol protocol) : IDisposable
{
    /// <summary>
    /// Long enough for a loaded 2-core machine (a webhook's second retry round, a restarted process's first poll); a
    /// healthy server answers in milliseconds, so only a failing test waits this long.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public WebSocket Socket => socket;

    public WebSocketProtocol Protocol => protocol;

    /// <summary>Opens a socket with the protocol; <paramref name="bearerKey"/> goes into the upgrade request's <c>Authorization</c>.</summary>
    public static async Task<GraphQLWebSocket> ConnectAsync(TestServer server, string? bearerKey = null, WebSocketProtocol? protocol = null)
    {
        protocol ??= WebSocketProtocol.TransportWs;
        var client = server.CreateWebSocketClient();
        client.SubProtocols.Add(protocol.SubProtocol);
        if (bearerKey is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearerKey}";
        }

        return new GraphQLWebSocket(await client.ConnectAsync(new Uri(server.BaseAddress, "/graphql"), CancellationToken.None), protocol);
    }

    /// <summary>Opens a socket with the protocol on a server listening on a real port (<paramref name="endpoint"/>: <c>http://host:port/graphql</c>).</summary>
    public static async Task<GraphQLWebSocket> ConnectAsync(string endpoint, WebSocketProtocol? protocol = null)
    {
        protocol ??= WebSocketProtocol.TransportWs;
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(protocol.SubProtocol);
        await socket.ConnectAsync(new Uri("ws" + endpoint["http".Length..]), CancellationToken.None);
        return new GraphQLWebSocket(socket, protocol);
    }

    /// <summary>Opens, sends <c>connection_init</c> (with the key in its payload) and expects <c>connection_ack</c>.</summary>
    public static async Task<GraphQLWebSocket> InitialisedAsync(TestServer server, string? bearerKey = null, WebSocketProtocol? protocol = null)
    {
        var socket = await ConnectAsync(server, protocol: protocol);
        await socket.InitAsync(bearerKey);
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())?["type"]?.GetValue<string>());
        return socket;
    }

    public Task InitAsync(string? bearerKey) =>
        SendAsync(bearerKey is null ? """{"type":"connection_init"}""" : JsonSerializer.Serialize(new { type = "connection_init", payload = new { Authorization = $"Bearer {bearerKey}" } }));

    /// <summary>Starts an operation (<c>subscribe</c> or <c>start</c>) under <paramref name="id"/>.</summary>
    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(JsonSerializer.Serialize(new { id, type = protocol.Start, payload = new { query, variables } }));

    /// <summary>Ends operation <paramref name="id"/> from the client's side (<c>complete</c> or <c>stop</c>).</summary>
    public Task StopAsync(string id) => SendAsync(JsonSerializer.Serialize(new { id, type = protocol.Stop }));

    /// <summary>
    /// graphql-transport-ws: sends <c>ping</c> and asserts the <c>pong</c>. graphql-ws has no client ping (the server
    /// sends <c>ka</c>), so nothing is sent.
    /// </summary>
    public async Task PingAsync()
    {
        if (protocol == WebSocketProtocol.TransportWs)
        {
            await SendAsync("""{"type":"ping"}""");
            Assert.Equal("pong", (await ReceiveAsync())?["type"]?.GetValue<string>());
        }
    }

    /// <summary>
    /// The first error code of a message: an <c>error</c>'s payload (a list in graphql-transport-ws, one error in
    /// graphql-ws) or a result's <c>errors</c>.
    /// </summary>
    public static string? ErrorCode(JsonNode? message) => message?["type"]?.GetValue<string>() switch
    {
        "error" => (message["payload"] is JsonArray errors ? errors[0] : message["payload"])?["extensions"]?["code"]?.GetValue<string>(),
        "next" or "data" => message["payload"]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>(),
        _ => null,
    };

    public Task SendAsync(string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message but keep-alives; null when the server closed the socket (see <see cref="WebSocket.CloseStatus"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync()
    {
        JsonNode? message;
        do
        {
            message = await ReceiveAnyAsync();
        }
        while (message?["type"]?.GetValue<string>() == "ka");

        return message;
    }

    /// <summary>The next message, keep-alives included.</summary>
    public async Task<JsonNode?> ReceiveAnyAsync()
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(Deadline);
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray());
    }

    /// <summary>The next message, asserting it belongs to <paramref name="id"/>.</summary>
    public async Task<JsonNode> ReceiveForAsync(string id)
    {
        var message = await ReceiveAsync() ?? throw new InvalidOperationException($"The server closed the socket ({socket.CloseStatus} {socket.CloseStatusDescription}).");
        Assert.Equal(id, message["id"]?.GetValue<string>());
        return message;
    }

    public void Dispose() => socket.Dispose();
}

/// <summary>A graphql-sse stream read event by event.</summary>
public sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public HttpResponseMessage Response => response;

    /// <summary>Posts <paramref name="query"/> with <c>Accept: text/event-stream</c> and returns the stream once its headers arrive.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string url, string query, object? variables = null, string? bearerKey = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables, operationName }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The data of the next <c>next</c> event; null when the stream completes or ends.</summary>
    public async Task<JsonNode?> NextAsync(TimeSpan timeout) =>
        await NextEventAsync(timeout) is ("next", var data) ? JsonNode.Parse(data) : null;

    /// <summary>The next event's name and data (keep-alive comments skipped); null at the end of the stream.</summary>
    public async Task<(string Name, string Data)?> NextEventAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? name = null;
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (name is not null && line.StartsWith("data:", StringComparison.Ordinal))
            {
                return (name, line["data:".Length..].Trim());
            }
        }

        return null;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}

/// <summary>Polling with a generous deadline: tests wait for what the server does in the background, never for a time.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + GraphQLWebSocket.Deadline;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"Within {GraphQLWebSocket.Deadline.TotalSeconds:0} s: {what}.");
    }

    /// <summary>Reads every 50 ms until <paramref name="read"/> returns a value (what the server does over HTTP, say), and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + GraphQLWebSocket.Deadline;
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Within {GraphQLWebSocket.Deadline.TotalSeconds:0} s: {what}.");
            await Task.Delay(50);
        }
    }
}
