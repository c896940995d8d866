using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Auth;

/// <summary>
/// A key that is not live (revoked, unknown, malformed, another scheme) is refused with <c>AUTH_INVALID_KEY</c>,
/// 401 and <c>WWW-Authenticate: Bearer error="invalid_token"</c>, for reads and mutations over every transport,
/// instead of being served as anonymous or told it needs a key; nothing changes and the server keeps serving.
/// </summary>
public sealed class InvalidKeyTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Read = "{ event { name } }";
    private const string Mutation = """mutation { createPresenter(input: { name: "Bad Key Person" }) { errors { __typename } } }""";

    private SummitServer Server => editing.Server;

    public static TheoryData<string> BadAuthorizations => new()
    {
        "Bearer REVOKED",
        "Bearer sgk_not-a-key-anyone-was-given",
        "Bearer not-even-shaped-like-a-key",
        "Bearer " + new string('x', 10_000),
        "Basic YWxpY2U6c2VjcmV0",
    };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task BadKeyIsRefusedOverPostGetAndBatchForReadsAndMutations(string authorization)
    {
        var before = await Server.DumpDatabaseAsync();

        var responses = new Dictionary<string, GraphQLResponse>
        {
            ["post read"] = await SendAsync(Post(JsonSerializer.Serialize(new { query = Read })), authorization),
            ["post mutation"] = await SendAsync(Post(JsonSerializer.Serialize(new { query = Mutation })), authorization),
            ["legacy json read"] = await SendAsync(Post(JsonSerializer.Serialize(new { query = Read })), authorization, "application/json"),
            ["get read"] = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(Read)}"), authorization),
            ["batch"] = await SendAsync(Post(JsonSerializer.Serialize(new[] { new { query = Read }, new { query = Mutation } })), authorization),
            ["sse on /graphql"] = await SendAsync(Post(JsonSerializer.Serialize(new { query = Read })), authorization, "text/event-stream"),
            ["sse on /graphql/stream"] = await SendAsync(Post(JsonSerializer.Serialize(new { query = "subscription { onProgrammeChanged { eventSlug } }" }), "/graphql/stream"), authorization, "text/event-stream"),
        };

        foreach (var (transport, response) in responses)
        {
            Assert.True((response.Status, response.FirstErrorCode) == (HttpStatusCode.Unauthorized, "AUTH_INVALID_KEY"), $"{transport}: {response.Status} {response.Body}");
            Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The key is unknown, revoked or malformed.\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Null(response.Data);
        }

        Assert.Equal(before, await Server.DumpDatabaseAsync());
        Assert.Equal("""{"event":{"name":"KubeVirt Summit 2021"}}""", (await Server.QueryAsync(Read)).AsJson());
    }

    /// <summary>
    /// graphql-transport-ws closes with 4403; graphql-ws (as HotChocolate) first sends <c>connection_error</c> with the
    /// message and code, then closes normally.
    /// </summary>
    [Theory]
    [InlineData("graphql-transport-ws", null, 4403)]
    [InlineData("graphql-ws", "AUTH_INVALID_KEY", 1000)]
    public async Task BadKeyOnTheWebSocketUpgradeIsRefusedWith401AndInConnectionInitClosesTheConnection(string protocol, string? connectionErrorCode, int closeStatus)
    {
        var dialect = WebSocketProtocol.Named(protocol);
        var upgrade = await Assert.ThrowsAnyAsync<Exception>(() => GraphQLWebSocket.ConnectAsync(Server.Server, editing.RevokedKey, dialect));
        using var revoked = await GraphQLWebSocket.ConnectAsync(Server.Server, protocol: dialect);
        await revoked.InitAsync(editing.RevokedKey);
        var revokedAnswer = await revoked.ReceiveAsync();
        var revokedClosed = connectionErrorCode is null ? revokedAnswer : await revoked.ReceiveAsync();
        using var unknown = await GraphQLWebSocket.ConnectAsync(Server.Server, protocol: dialect);
        await unknown.InitAsync("sgk_not-a-key-anyone-was-given");
        var unknownAnswer = await unknown.ReceiveAsync();
        var unknownClosed = connectionErrorCode is null ? unknownAnswer : await unknown.ReceiveAsync();
        using var good = await GraphQLWebSocket.InitialisedAsync(Server.Server, editing.PreviewerKey, dialect);
        await good.SubscribeAsync("read", Read);
        var read = await good.ReceiveForAsync("read");

        Assert.Contains("401", upgrade.Message, StringComparison.Ordinal);
        foreach (var answer in new[] { revokedAnswer, unknownAnswer }.Where(_ => connectionErrorCode is not null))
        {
            Assert.Equal(("connection_error", connectionErrorCode), (answer?["type"]?.GetValue<string>(), answer?["payload"]?["extensions"]?["code"]?.GetValue<string>()));
        }

        Assert.Equal((null, closeStatus), (revokedClosed, (int?)revoked.Socket.CloseStatus));
        Assert.Equal((null, closeStatus), (unknownClosed, (int?)unknown.Socket.CloseStatus));
        Assert.Equal("""{"event":{"name":"KubeVirt Summit 2021"}}""", read["payload"]!["data"].AsJson());
    }

    /// <summary>An <c>Authorization</c> in <c>connection_init</c> that is not a string is a malformed key: refused as one, never served as anonymous.</summary>
    [Theory]
    [InlineData("graphql-transport-ws", "123", 4403)]
    [InlineData("graphql-transport-ws", "[\"Bearer x\"]", 4403)]
    [InlineData("graphql-ws", "{\"key\":1}", 1000)]
    [InlineData("graphql-ws", "true", 1000)]
    public async Task AnAuthorizationInConnectionInitThatIsNotAStringIsRefused(string protocol, string authorization, int closeStatus)
    {
        using var socket = await GraphQLWebSocket.ConnectAsync(Server.Server, protocol: WebSocketProtocol.Named(protocol));

        await socket.SendAsync("""{"type":"connection_init","payload":{"Authorization":""" + authorization + "}}");
        var answer = await socket.ReceiveAsync();
        var closed = closeStatus == 1000 ? await socket.ReceiveAsync() : answer;

        Assert.NotEqual("connection_ack", answer?["type"]?.GetValue<string>());
        Assert.Equal((null, closeStatus), (closed, (int?)socket.Socket.CloseStatus));
    }

    private static HttpRequestMessage Post(string body, string path = "/graphql") =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private Task<GraphQLResponse> SendAsync(HttpRequestMessage request, string authorization, string accept = "application/graphql-response+json")
    {
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization.Replace("REVOKED", editing.RevokedKey, StringComparison.Ordinal));
        return Server.SendAsync(request, accept);
    }
}
