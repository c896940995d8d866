using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Http;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Live;

/// <summary>
/// Both WebSocket sub-protocols message by message, what the npm clients do not show: the subscription bound, clean-up,
/// and every way a client breaks the protocol, each answered with the close code of its protocol (graphql-transport-ws's
/// own codes; for graphql-ws the ones HotChocolate uses).
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class WebSocketTransportTests(SummitServer server)
{
    private const string Programme = "subscription { onProgrammeChanged { eventSlug } }";

    public static TheoryData<string> Protocols => WebSocketProtocol.Both();

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscriptionsBeyondTheLimitAreRefusedAndClosingFreesThem(string protocol)
    {
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxSubscriptions", "1"));
        var notifier = limited.Services.GetRequiredService<ContentChangeNotifier>();
        using var socket = await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SubscribeAsync("first", Programme);
        await socket.SubscribeAsync("second", Programme);
        var refused = await socket.ReceiveForAsync("second");
        await Eventually.HoldsAsync(() => notifier.ObserverCount == 1, "one subscription listens");

        await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await Eventually.HoldsAsync(() => notifier.ObserverCount == 0, "closing the socket ends its subscription");

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", GraphQLWebSocket.ErrorCode(refused));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task StoppingASubscriptionReleasesItAndTheConnectionRunsOn(string protocol)
    {
        var notifier = server.Services.GetRequiredService<ContentChangeNotifier>();
        var before = notifier.ObserverCount;
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SubscribeAsync("live", Programme);
        await Eventually.HoldsAsync(() => notifier.ObserverCount == before + 1, "the subscription listens");
        await socket.StopAsync("live");
        await Eventually.HoldsAsync(() => notifier.ObserverCount == before, "the stopped subscription no longer listens");
        await socket.SubscribeAsync("live", "{ event { slug } }");
        var answer = await socket.ReceiveForAsync("live");
        var complete = await socket.ReceiveForAsync("live");

        Assert.Equal((socket.Protocol.Result, "kubevirt-summit-2021"), (answer["type"]!.GetValue<string>(), answer["payload"]!["data"]!["event"]!["slug"]!.GetValue<string>()));
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("graphql-transport-ws", 4401)]
    [InlineData("graphql-ws", 4400)]
    public async Task AnOperationBeforeConnectionInitClosesTheConnection(string protocol, int closeStatus)
    {
        using var socket = await GraphQLWebSocket.ConnectAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SubscribeAsync("early", Programme);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(closeStatus, (int)socket.Socket.CloseStatus!);
    }

    [Theory]
    [InlineData("graphql-transport-ws", """{"type":"start","id":"1","payload":{"query":"{ event { slug } }"}}""")]
    [InlineData("graphql-ws", """{"type":"subscribe","id":"1","payload":{"query":"{ event { slug } }"}}""")]
    [InlineData("graphql-transport-ws", """{"type":"gossip"}""")]
    [InlineData("graphql-ws", """{"type":"gossip"}""")]
    [InlineData("graphql-ws", """{"type":"start","payload":{"query":"{ event { slug } }"}}""")]
    [InlineData("graphql-ws", """{"id":"1"}""")]
    [InlineData("graphql-ws", """["connection_init"]""")]
    [InlineData("graphql-ws", "not json")]
    public async Task AMessageTheProtocolDoesNotKnowClosesWith4400(string protocol, string message)
    {
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SendAsync(message);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(4400, (int)socket.Socket.CloseStatus!);
    }

    /// <summary>
    /// Close reasons quote what the client sent (a message type, an id), and a close frame holds at most 123 bytes of
    /// reason: a longer one, in ASCII or in characters of several bytes, is cut to fit instead of making the close throw
    /// (which dropped the connection without its close code and logged an unhandled exception).
    /// </summary>
    [Theory]
    [InlineData("graphql-transport-ws", "type", "x", 4400)]
    [InlineData("graphql-ws", "type", "€", 4400)]
    [InlineData("graphql-transport-ws", "id", "é", 4409)]
    [InlineData("graphql-ws", "id", "x", 1011)]
    public async Task ACloseReasonQuotingALongMessageIsCutToFitTheCloseFrame(string protocol, string quoted, string character, int closeStatus)
    {
        var dialect = WebSocketProtocol.Named(protocol);
        var text = string.Concat(Enumerable.Repeat(character, 200));
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: dialect);

        if (quoted == "type")
        {
            await socket.SendAsync(JsonSerializer.Serialize(new { type = text }));
        }
        else
        {
            await socket.SubscribeAsync(text, Programme);
            await socket.SubscribeAsync(text, Programme);
        }

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(closeStatus, (int)socket.Socket.CloseStatus!);
        var reason = socket.Socket.CloseStatusDescription!;
        Assert.InRange(Encoding.UTF8.GetByteCount(reason), 100, ProtocolClose.MaxReasonBytes);
        Assert.Contains(string.Concat(Enumerable.Repeat(character, 10)), reason, StringComparison.Ordinal);
        Assert.EndsWith("…", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graphql-transport-ws", 4409)]
    [InlineData("graphql-ws", 1011)]
    public async Task AnIdThatIsRunningClosesTheConnection(string protocol, int closeStatus)
    {
        var notifier = server.Services.GetRequiredService<ContentChangeNotifier>();
        var before = notifier.ObserverCount;
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SubscribeAsync("same", Programme);
        await socket.SubscribeAsync("same", Programme);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(closeStatus, (int)socket.Socket.CloseStatus!);
        Assert.Contains("same", socket.Socket.CloseStatusDescription, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => notifier.ObserverCount == before, "the closed connection's subscription no longer listens");
    }

    [Theory]
    [InlineData("graphql-transport-ws", 4429)]
    [InlineData("graphql-ws", 1002)]
    public async Task ASecondConnectionInitClosesTheConnection(string protocol, int closeStatus)
    {
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.InitAsync(null);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(closeStatus, (int)socket.Socket.CloseStatus!);
    }

    [Theory]
    [InlineData("graphql-transport-ws", 4408)]
    [InlineData("graphql-ws", 1002)]
    public async Task AConnectionWithoutConnectionInitIsClosed(string protocol, int closeStatus)
    {
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:WebSocketInitTimeoutSeconds", "0.5"));
        using var socket = await GraphQLWebSocket.ConnectAsync(limited.Server, protocol: WebSocketProtocol.Named(protocol));

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(closeStatus, (int)socket.Socket.CloseStatus!);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task AMessageOverItsSizeClosesWith1009(string protocol)
    {
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SubscribeAsync("large", "{ event { slug } }", new { padding = new string('x', 70 * 1024) });

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task TheOlderProtocolSendsKeepAlivesAndClosesOnConnectionTerminate()
    {
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.LegacyWs);

        var keepAlive = await socket.ReceiveAnyAsync();
        await socket.SendAsync("""{"type":"connection_terminate"}""");

        Assert.Equal("ka", keepAlive?["type"]?.GetValue<string>());
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task TheOlderProtocolSendsTheFirstErrorAloneAsHotChocolateDoes()
    {
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, protocol: WebSocketProtocol.LegacyWs);

        await socket.SubscribeAsync("bad", "{ event { noSuchField alsoMissing } }");
        var error = await socket.ReceiveForAsync("bad");

        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.IsType<JsonObject>(error["payload"]);
        Assert.Contains("noSuchField", error["payload"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "graphql-ws", "graphql-transport-ws" }, "graphql-transport-ws")]
    [InlineData(new[] { "graphql-ws" }, "graphql-ws")]
    public async Task TheServerPrefersGraphQLTransportWsWhenBothAreOffered(string[] offered, string chosen)
    {
        var client = server.Server.CreateWebSocketClient();
        foreach (var protocol in offered)
        {
            client.SubProtocols.Add(protocol);
        }

        using var socket = await client.ConnectAsync(new Uri(server.Server.BaseAddress, "/graphql"), CancellationToken.None);

        Assert.Equal(chosen, socket.SubProtocol);
    }

    [Fact]
    public async Task AnUpgradeForAnotherSubProtocolIsRefusedWith400()
    {
        var client = server.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-sse");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(server.Server.BaseAddress, "/graphql"), CancellationToken.None));

        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
    }
}
