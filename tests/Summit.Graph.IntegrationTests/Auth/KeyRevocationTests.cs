using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Auth;

/// <summary>
/// Operations and events are authorised, not connections: once a key is revoked (here, or in the database as
/// another instance or <c>keys revoke</c> does), an open WebSocket runs no more of its operations and open
/// streams deliver no more drafts, within <see cref="ApiKeyService.RecheckAfter"/>.
/// </summary>
public sealed class KeyRevocationTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string CreatePresenter = "mutation($name: String!) { createPresenter(input: { name: $name }) { presenter { slug } errors { __typename } } }";

    private SummitServer Server => editing.Server;

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task RevokedEditorKeyRunsNoMoreMutationsOnItsOpenWebSocket(string protocol)
    {
        var holder = $"wanda-{protocol}";
        var key = await Server.CreateKeyAsync(holder, ApiKeyRole.Editor);
        using var socket = await GraphQLWebSocket.InitialisedAsync(Server.Server, key, WebSocketProtocol.Named(protocol));
        await socket.SubscribeAsync("before", CreatePresenter, new { name = $"Before Revocation {protocol}" });
        var before = await socket.ReceiveForAsync("before");
        Assert.Equal("complete", (await socket.ReceiveForAsync("before"))["type"]!.GetValue<string>());

        await RevokeElsewhereAsync(holder);
        var dump = await Server.DumpDatabaseAsync();
        await socket.SubscribeAsync("after", CreatePresenter, new { name = $"After Revocation {protocol}" });
        var after = await socket.ReceiveForAsync("after");
        await socket.SubscribeAsync("read", "{ event { name } }");
        var read = await socket.ReceiveForAsync("read");

        Assert.Equal($"before-revocation-{protocol}", before["payload"]!["data"]!["createPresenter"]!["presenter"].Text("slug"));
        Assert.Equal(("error", "AUTH_INVALID_KEY"), (after["type"]!.GetValue<string>(), GraphQLWebSocket.ErrorCode(after)));
        Assert.Equal(("error", "AUTH_INVALID_KEY"), (read["type"]!.GetValue<string>(), GraphQLWebSocket.ErrorCode(read)));
        Assert.Equal(dump, await Server.DumpDatabaseAsync());
        Assert.Equal("""{"event":{"name":"KubeVirt Summit 2021"}}""", (await Server.QueryAsync("{ event { name } }")).AsJson());
    }

    [Fact]
    public async Task KeyRevokedOnThisInstanceStopsItsWebSocketOperationsAtOnce()
    {
        var key = await Server.CreateKeyAsync("walter", ApiKeyRole.Editor);
        using var socket = await GraphQLWebSocket.InitialisedAsync(Server.Server, key);

        Assert.True(await Server.RevokeKeyAsync("walter"));
        await socket.SubscribeAsync("after", CreatePresenter, new { name = "Right After Revocation" });
        var after = await socket.ReceiveForAsync("after");

        Assert.Equal("AUTH_INVALID_KEY", after["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(await Server.WithDatabaseAsync(db => db.Presenters.FirstOrDefaultAsync(p => p.Slug == "right-after-revocation")));
    }

    [Fact]
    public async Task RevokedPreviewersStreamsEndWithInvalidKeyInsteadOfTheNextDraft()
    {
        var key = await Server.CreateKeyAsync("percy", ApiKeyRole.Previewer);
        var sessionId = await EveryMutation.CreateSessionAsync(editing.Editor, "Quiet Draft");
        const string Subscription = """subscription { onSessionChanged(slug: "quiet-draft") { session { title } } }""";
        using var client = Server.CreateClient();
        using var sse = await SseStream.OpenAsync(client, "/graphql/stream", Subscription, bearerKey: key);
        using var socket = await GraphQLWebSocket.InitialisedAsync(Server.Server, key);
        await socket.SubscribeAsync("live", Subscription);
        await Eventually.HoldsAsync(() => Server.Services.GetRequiredService<ContentChangeNotifier>().ObserverCount >= 2, "both streams listen");

        await RetitleAsync(sessionId, "Quiet Draft, first edit");
        var sseSeen = await sse.NextAsync(GraphQLWebSocket.Deadline);
        var wsSeen = await socket.ReceiveForAsync("live");
        await RevokeElsewhereAsync("percy");
        await RetitleAsync(sessionId, "Quiet Draft, secret second edit");
        var sseLast = await sse.NextEventAsync(GraphQLWebSocket.Deadline);
        var sseEnd = await sse.NextEventAsync(GraphQLWebSocket.Deadline);
        var wsLast = await socket.ReceiveForAsync("live");
        var wsEnd = await socket.ReceiveForAsync("live");
        using var reopened = await SseStream.OpenAsync(client, "/graphql/stream", Subscription, bearerKey: key);

        Assert.Equal("Quiet Draft, first edit", sseSeen?["data"]?["onSessionChanged"]?["session"].Text("title"));
        Assert.Equal("Quiet Draft, first edit", wsSeen["payload"]!["data"]!["onSessionChanged"]!["session"].Text("title"));
        Assert.Equal("next", sseLast?.Name);
        Assert.DoesNotContain("secret", sseLast?.Data ?? "", StringComparison.Ordinal);
        Assert.Equal("AUTH_INVALID_KEY", JsonNode.Parse(sseLast!.Value.Data)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", sseEnd?.Name);
        Assert.DoesNotContain("secret", wsLast.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("AUTH_INVALID_KEY", wsLast["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", wsEnd["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, reopened.Response.StatusCode);
    }

    [Fact]
    public async Task StreamsOfARevokedKeyEndWithInvalidKeyEvenWhenNothingChanges()
    {
        var key = await Server.CreateKeyAsync("quentin", ApiKeyRole.Previewer);
        const string Subscription = "subscription { onProgrammeChanged { eventSlug } }";
        using var client = Server.CreateClient();
        using var sse = await SseStream.OpenAsync(client, "/graphql/stream", Subscription, bearerKey: key);
        using var socket = await GraphQLWebSocket.InitialisedAsync(Server.Server, key);
        await socket.SubscribeAsync("quiet", Subscription);
        await Eventually.HoldsAsync(() => Server.Services.GetRequiredService<ContentChangeNotifier>().ObserverCount >= 2, "both streams listen");

        await RevokeElsewhereAsync("quentin");
        var sseLast = await sse.NextEventAsync(GraphQLWebSocket.Deadline);
        var sseEnd = await sse.NextEventAsync(GraphQLWebSocket.Deadline);
        var wsLast = await socket.ReceiveForAsync("quiet");
        var wsEnd = await socket.ReceiveForAsync("quiet");

        Assert.Equal(("next", "AUTH_INVALID_KEY"), (sseLast?.Name, JsonNode.Parse(sseLast!.Value.Data)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal("complete", sseEnd?.Name);
        Assert.Equal("AUTH_INVALID_KEY", wsLast["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", wsEnd["type"]!.GetValue<string>());
        await Eventually.HoldsAsync(() => Server.Services.GetRequiredService<ContentChangeNotifier>().ObserverCount == 0, "the ended streams stop listening");
    }

    /// <summary>
    /// Revokes in the database, as another instance or <c>keys revoke</c> does (this server's remembered check is
    /// not told), and waits out the longest a check is reused.
    /// </summary>
    private async Task RevokeElsewhereAsync(string name)
    {
        await Server.WithDatabaseAsync(db => db.ApiKeys.Where(k => k.Name == name).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, DateTime.UtcNow)));
        await Task.Delay(ApiKeyService.RecheckAfter + TimeSpan.FromMilliseconds(100));
    }

    private async Task RetitleAsync(string sessionId, string title)
    {
        var version = (await editing.Editor.QueryAsync("query($id: ID!) { node(id: $id) { ... on Session { version } } }", new { id = sessionId }))["node"].Number("version");
        await editing.Editor.SucceedAsync("updateSession", new { id = sessionId, version, title });
    }
}
