using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>A graphql-transport-ws client over a test server's in-memory WebSocket, speaking the protocol message by message.</summary>
public sealed class GraphQLWebSocket(WebSocket socket) : IDisposable
{
    /// <summary>Long enough for a loaded machine; a healthy server answers in milliseconds.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public WebSocket Socket => socket;

    /// <summary>Opens a socket with the protocol; <paramref name="bearerKey"/> goes into the upgrade request's <c>Authorization</c>.</summary>
    public static async Task<GraphQLWebSocket> ConnectAsync(TestServer server, string? bearerKey = null)
    {
        var client = server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        if (bearerKey is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearerKey}";
        }

        return new GraphQLWebSocket(await client.ConnectAsync(new Uri(server.BaseAddress, "/graphql"), CancellationToken.None));
    }

    /// <summary>Opens a socket with the protocol on a server listening on a real port (<paramref name="endpoint"/>: <c>http://host:port/graphql</c>).</summary>
    public static async Task<GraphQLWebSocket> ConnectAsync(string endpoint)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri("ws" + endpoint["http".Length..]), CancellationToken.None);
        return new GraphQLWebSocket(socket);
    }

    /// <summary>Opens, sends <c>connection_init</c> (with the key in its payload) and expects <c>connection_ack</c>.</summary>
    public static async Task<GraphQLWebSocket> InitialisedAsync(TestServer server, string? bearerKey = null)
    {
        var socket = await ConnectAsync(server);
        await socket.InitAsync(bearerKey);
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())?["type"]?.GetValue<string>());
        return socket;
    }

    public Task InitAsync(string? bearerKey) =>
        SendAsync(bearerKey is null ? """{"type":"connection_init"}""" : JsonSerializer.Serialize(new { type = "connection_init", payload = new { Authorization = $"Bearer {bearerKey}" } }));

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(JsonSerializer.Serialize(new { id, type = "subscribe", payload = new { query, variables } }));

    public Task SendAsync(string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message; null when the server closed the socket (see <see cref="WebSocket.CloseStatus"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync()
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
}
