using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Data.Entities;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Live;

/// <summary>
/// No client holds what every client needs: subscriptions have a share per client (key, else address) inside the
/// server's total, WebSocket connections a bound per address and in all, and idle sockets are closed. Refusals
/// carry their limit's code, and what was refused is given back once released.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class FairShareTests(SummitServer server)
{
    private const string Programme = "subscription { onProgrammeChanged { eventSlug } }";

    public static TheoryData<string> Protocols => WebSocketProtocol.Both();

    [Fact]
    public async Task EachClientGetsItsShareOfSubscriptionsOverWebSocketAndSse()
    {
        var editorKey = await server.CreateKeyAsync($"share-editor-{Guid.NewGuid():N}", ApiKeyRole.Editor);
        var previewerKey = await server.CreateKeyAsync($"share-previewer-{Guid.NewGuid():N}", ApiKeyRole.Previewer);
        using var limited = server.WithWebHostBuilder(builder => builder
            .UseSetting("GraphQL:MaxSubscriptions", "4")
            .UseSetting("GraphQL:MaxSubscriptionsPerClient", "2"));
        var notifier = limited.Services.GetRequiredService<ContentChangeNotifier>();
        using var client = limited.CreateClient();
        using var anonymous = await GraphQLWebSocket.InitialisedAsync(limited.Server);

        // The share, then ten times beyond it.
        for (var i = 0; i < 22; i++)
        {
            await anonymous.SubscribeAsync($"s{i}", Programme);
        }

        var refusals = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var message = await anonymous.ReceiveAsync();
            refusals.Add($"{message?["type"]} {message?["payload"]?[0]?["extensions"]?["code"]}");
        }

        await Eventually.HoldsAsync(() => notifier.ObserverCount == 2, "the anonymous client's two subscriptions listen");
        using var anonymousSse = await SseStream.OpenAsync(client, "/graphql/stream", Programme);
        var editorStreams = new List<SseStream>();
        for (var i = 0; i < 3; i++)
        {
            editorStreams.Add(await SseStream.OpenAsync(client, "/graphql/stream", Programme, bearerKey: editorKey));
        }

        using var previewerSse = await SseStream.OpenAsync(client, "/graphql/stream", Programme, bearerKey: previewerKey);
        var previewerError = await previewerSse.Response.Content.ReadAsStringAsync();

        Assert.Equal(Enumerable.Repeat("error LIMIT_CLIENT_SUBSCRIPTIONS", 20), refusals);
        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousSse.Response.StatusCode);
        Assert.Contains("LIMIT_CLIENT_SUBSCRIPTIONS", await anonymousSse.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], editorStreams.Select(s => s.Response.StatusCode));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, previewerSse.Response.StatusCode);
        Assert.Contains("TOO_MANY_SUBSCRIPTIONS", previewerError, StringComparison.Ordinal);

        editorStreams.ForEach(s => s.Dispose());
        await anonymous.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await Eventually.HoldsAsync(() => notifier.ObserverCount == 0, "closed streams release their subscriptions");
        using var again = await SseStream.OpenAsync(client, "/graphql/stream", Programme, bearerKey: previewerKey);
        Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
    }

    /// <summary>
    /// A client at its share that completes a subscription may start another with its very next message: the share is
    /// given back when <c>complete</c> arrives, not when the cancelled operation has finished unwinding. Twenty swaps, each
    /// sent right after the other; an event published until it arrives shows the last one live and none refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ACompletedSubscriptionGivesItsShareBackForTheNextMessage(string protocol)
    {
        var dialect = WebSocketProtocol.Named(protocol);
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxSubscriptionsPerClient", "2"));
        var notifier = limited.Services.GetRequiredService<ContentChangeNotifier>();
        using var socket = await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: dialect);
        await socket.SubscribeAsync("kept", Programme);
        await socket.SubscribeAsync("swap0", Programme);
        for (var i = 1; i <= 20; i++)
        {
            await socket.StopAsync($"swap{i - 1}");
            await socket.SubscribeAsync($"swap{i}", Programme);
        }

        using var done = new CancellationTokenSource();
        var publishing = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await notifier.PublishAsync([new EditionChange("kubevirt-summit-2021", [], Public: true, WholeProgramme: true)], new(notifier.ContentVersion + 1, notifier.PublicVersion + 1));
                await Task.Delay(100);
            }
        });
        var refusals = new List<string>();
        JsonNode? message;
        do
        {
            message = await socket.ReceiveAsync();
            if (message?["type"]?.GetValue<string>() == "error")
            {
                refusals.Add($"{message["id"]} {GraphQLWebSocket.ErrorCode(message)}");
            }
        }
        while (message is not null && refusals.Count == 0 && !(message["id"]?.GetValue<string>() == "swap20" && message["type"]?.GetValue<string>() == dialect.Result));

        await done.CancelAsync();
        await publishing;
        Assert.Empty(refusals);
        Assert.Equal(dialect.Result, message?["type"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("GraphQL:MaxWebSocketsPerClient", "LIMIT_CLIENT_WEBSOCKETS", "graphql-transport-ws")]
    [InlineData("GraphQL:MaxWebSockets", "LIMIT_WEBSOCKETS", "graphql-transport-ws")]
    [InlineData("GraphQL:MaxWebSocketsPerClient", "LIMIT_CLIENT_WEBSOCKETS", "graphql-ws")]
    [InlineData("GraphQL:MaxWebSockets", "LIMIT_WEBSOCKETS", "graphql-ws")]
    public async Task WebSocketsBeyondTheBoundAreClosedWith1013AndClosingFreesThem(string setting, string code, string protocol)
    {
        var dialect = WebSocketProtocol.Named(protocol);
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting(setting, "3"));
        var sockets = limited.Services.GetRequiredService<GraphQLWebSockets>();
        var held = new List<GraphQLWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: dialect));
        }

        var refused = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            using var extra = await GraphQLWebSocket.ConnectAsync(limited.Server, protocol: dialect);
            Assert.Null(await extra.ReceiveAsync());
            refused.Add($"{(int?)extra.Socket.CloseStatus} {extra.Socket.CloseStatusDescription?.Split(':')[0]}");
        }

        foreach (var socket in held)
        {
            await socket.SubscribeAsync("alive", "{ __typename }");
            Assert.Equal(dialect.Result, (await socket.ReceiveForAsync("alive"))["type"]!.GetValue<string>());
            await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            socket.Dispose();
        }

        await Eventually.HoldsAsync(() => sockets.ConnectionCount == 0, "closed sockets are no longer counted");
        using var after = await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: dialect);
        Assert.Equal(Enumerable.Repeat($"1013 {code}", 30), refused);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task IdleWebSocketIsClosedWhileOneWithASubscriptionStaysOpen(string protocol)
    {
        var dialect = WebSocketProtocol.Named(protocol);
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:WebSocketIdleTimeoutSeconds", "1"));
        using var idle = await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: dialect);
        using var busy = await GraphQLWebSocket.InitialisedAsync(limited.Server, protocol: dialect);
        await busy.SubscribeAsync("live", Programme);

        // Pings (graphql-transport-ws) and keep-alives (graphql-ws) are not work: the idle socket is closed all the same.
        await idle.PingAsync();
        var closed = await idle.ReceiveAsync();
        await busy.PingAsync();

        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, idle.Socket.CloseStatus);
        Assert.Contains("GraphQL:WebSocketIdleTimeoutSeconds", idle.Socket.CloseStatusDescription, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, busy.Socket.State);
    }
}
