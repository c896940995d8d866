using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Live;

/// <summary>graphql-transport-ws details the npm client does not show: the subscription bound and clean-up on disconnect.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class WebSocketTransportTests(SummitServer server)
{
    private const string Subscribe = """{"id":"ID","type":"subscribe","payload":{"query":"subscription { onProgrammeChanged { eventSlug } }"}}""";

    [Fact]
    public async Task SubscriptionsBeyondTheLimitAreRefusedAndClosingFreesThem()
    {
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxSubscriptions", "1"));
        var notifier = limited.Services.GetRequiredService<ContentChangeNotifier>();
        var client = limited.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri(limited.Server.BaseAddress, "/graphql"), CancellationToken.None);

        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
        await SendAsync(socket, Subscribe.Replace("ID", "first", StringComparison.Ordinal));
        await SendAsync(socket, Subscribe.Replace("ID", "second", StringComparison.Ordinal));
        var refused = await ReceiveAsync(socket);
        await WaitForAsync(() => notifier.ObserverCount == 1);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await WaitForAsync(() => notifier.ObserverCount == 0);

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("second", refused["id"]!.GetValue<string>());
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubscribingBeforeConnectionInitClosesWith4401()
    {
        var client = server.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri(server.Server.BaseAddress, "/graphql"), CancellationToken.None);

        await SendAsync(socket, Subscribe.Replace("ID", "early", StringComparison.Ordinal));
        var result = await socket.ReceiveAsync(new byte[1024], CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(4401, (int)socket.CloseStatus!);
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The condition did not hold within 5 s.");
    }
}
