using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Live;

/// <summary>graphql-transport-ws details the npm client does not show: the subscription bound and clean-up on disconnect.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class WebSocketTransportTests(SummitServer server)
{
    private const string Programme = "subscription { onProgrammeChanged { eventSlug } }";

    [Fact]
    public async Task SubscriptionsBeyondTheLimitAreRefusedAndClosingFreesThem()
    {
        using var limited = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:MaxSubscriptions", "1"));
        var notifier = limited.Services.GetRequiredService<ContentChangeNotifier>();
        using var socket = await GraphQLWebSocket.InitialisedAsync(limited.Server);

        await socket.SubscribeAsync("first", Programme);
        await socket.SubscribeAsync("second", Programme);
        var refused = await socket.ReceiveForAsync("second");
        await Eventually.HoldsAsync(() => notifier.ObserverCount == 1, "one subscription listens");

        await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await Eventually.HoldsAsync(() => notifier.ObserverCount == 0, "closing the socket ends its subscription");

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubscribingBeforeConnectionInitClosesWith4401()
    {
        using var socket = await GraphQLWebSocket.ConnectAsync(server.Server);

        await socket.SubscribeAsync("early", Programme);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(4401, (int)socket.Socket.CloseStatus!);
    }
}
