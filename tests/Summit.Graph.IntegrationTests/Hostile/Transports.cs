using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>The ways one request object reaches the server: each answers with its own framing.</summary>
public enum Transport
{
    Post,
    Get,
    Batch,
    ServerSentEvents,

    /// <summary>graphql-transport-ws.</summary>
    WebSocket,

    /// <summary>The older graphql-ws sub-protocol (subscriptions-transport-ws).</summary>
    LegacyWebSocket,
}

/// <summary>
/// What a transport answered for one request object: the HTTP status of the exchange (101 for a WebSocket), the
/// body or message, and the first GraphQL error's code, wherever the transport puts errors.
/// </summary>
public sealed record TransportAnswer(Transport Transport, HttpStatusCode Status, string Body, string? FirstErrorCode)
{
    public override string ToString() => $"{Transport}: {(int)Status} {HostileRequests.Truncate(Body)}";
}

/// <summary>Sends one GraphQL request object (query, variables, extensions, ...) over each transport.</summary>
public static class Transports
{
    public static readonly Transport[] All = Enum.GetValues<Transport>();

    public static TheoryData<Transport> Each()
    {
        var data = new TheoryData<Transport>();
        foreach (var transport in All)
        {
            data.Add(transport);
        }

        return data;
    }

    /// <summary>Whether the transport is one of the WebSocket sub-protocols, which refuse what they cannot read by closing.</summary>
    public static bool IsWebSocket(this Transport transport) => transport is Transport.WebSocket or Transport.LegacyWebSocket;

    public static async Task<TransportAnswer> SendAsync(this SummitServer server, Transport transport, JsonObject request, string? bearerKey = null)
    {
        switch (transport)
        {
            case Transport.Post:
            {
                var response = await server.PostRawAsync(request.ToJsonString(), bearerKey: bearerKey);
                return new(transport, response.Status, response.Body, response.FirstErrorCode);
            }

            case Transport.Batch:
            {
                // The request second, after a harmless one: an item's refusal must not touch its neighbours.
                var batch = new JsonArray(new JsonObject { ["query"] = "{ event { slug } }" }, request.DeepClone());
                var response = await server.PostRawAsync(batch.ToJsonString(), bearerKey: bearerKey);
                var code = response.Json is JsonArray items
                    ? items[1]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>()
                    : response.FirstErrorCode;
                Assert.True(response.Json is not JsonArray answered || answered[0]?["data"]?["event"]?["slug"] is not null, $"The batch's first item was not answered: {response.Body}");
                return new(transport, response.Status, response.Body, code);
            }

            case Transport.Get:
            {
                var parameters = new Dictionary<string, string?>();
                foreach (var (name, value) in request)
                {
                    parameters[name] = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
                }

                using var get = new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString("/graphql", parameters));
                Authorize(get, bearerKey);
                var response = await server.SendAsync(get, HostileRequests.GraphQLResponse);
                return new(transport, response.Status, response.Body, response.FirstErrorCode);
            }

            case Transport.ServerSentEvents:
                return await SendOverServerSentEventsAsync(server, request, bearerKey);
            case Transport.LegacyWebSocket:
                return await SendOverWebSocketAsync(server, transport, WebSocketProtocol.LegacyWs, request, bearerKey);
            default:
                return await SendOverWebSocketAsync(server, transport, WebSocketProtocol.TransportWs, request, bearerKey);
        }
    }

    private static async Task<TransportAnswer> SendOverServerSentEventsAsync(SummitServer server, JsonObject request, string? bearerKey)
    {
        using var client = server.CreateClient();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/graphql/stream")
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        Authorize(post, bearerKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var refused = await response.Content.ReadAsStringAsync(timeout.Token);
            return new(Transport.ServerSentEvents, response.StatusCode, refused, JsonNode.Parse(refused)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        }

        // The first "next" event is the answer of a query; a refused subscription's errors come the same way.
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Length > "data: ".Length)
            {
                var data = line["data: ".Length..];
                return new(Transport.ServerSentEvents, response.StatusCode, data, JsonNode.Parse(data)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
            }
        }

        return new(Transport.ServerSentEvents, response.StatusCode, "", null);
    }

    private static async Task<TransportAnswer> SendOverWebSocketAsync(SummitServer server, Transport transport, WebSocketProtocol protocol, JsonObject request, string? bearerKey)
    {
        using var socket = await GraphQLWebSocket.ConnectAsync(server.Server, protocol: protocol);
        await socket.InitAsync(bearerKey);
        var ack = await socket.ReceiveAsync();
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            return new(transport, HttpStatusCode.SwitchingProtocols, ack?.ToJsonString() ?? $"closed {(int?)socket.Socket.CloseStatus}", null);
        }

        await socket.SendAsync(new JsonObject { ["id"] = "1", ["type"] = protocol.Start, ["payload"] = request.DeepClone() }.ToJsonString());
        var answer = await socket.ReceiveAsync();
        return new(transport, HttpStatusCode.SwitchingProtocols, answer?.ToJsonString() ?? $"closed {(int?)socket.Socket.CloseStatus}", GraphQLWebSocket.ErrorCode(answer));
    }

    private static void Authorize(HttpRequestMessage request, string? bearerKey)
    {
        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }
    }
}
