using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Auth;

/// <summary>
/// A document holding a query and a mutation is judged by the operation that runs: an anonymous reader may run
/// the query, and the mutation beside it is refused (and changes nothing), over every transport.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class ChosenOperationAuthorizationTests(SummitServer server)
{
    private const string Document = """
        query Q { event { name } }
        mutation M { createPresenter(input: { name: "Intruder" }) { errors { __typename } } }
        """;

    private const string EventName = """{"event":{"name":"KubeVirt Summit 2021"}}""";

    [Fact]
    public async Task AnonymousQueryBesideAMutationRunsOverPostGetAndBatch()
    {
        var before = await server.DumpDatabaseAsync();

        var post = await server.SendAsync(Post(Body("Q")), "application/graphql-response+json");
        var get = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(Document)}&operationName=Q"), "application/graphql-response+json");
        var mutation = await server.SendAsync(Post(Body("M")), "application/graphql-response+json");
        var batch = await server.SendAsync(Post($"[{Body("Q")},{Body("M")}]"), "application/graphql-response+json");

        Assert.Equal((HttpStatusCode.OK, EventName), (post.Status, post.Data.AsJson()));
        Assert.Equal((HttpStatusCode.OK, EventName), (get.Status, get.Data.AsJson()));
        Assert.Equal((HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED"), (mutation.Status, mutation.FirstErrorCode));
        var results = batch.Json!.AsArray();
        Assert.Equal((EventName, "AUTH_NOT_AUTHENTICATED"), (results[0]!["data"].AsJson(), results[1]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal(before, await server.DumpDatabaseAsync());
    }

    [Fact]
    public async Task AnonymousQueryBesideAMutationRunsOverSseAndWebSocket()
    {
        var before = await server.DumpDatabaseAsync();
        using var client = server.CreateClient();
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server);

        using var sseQuery = await SseStream.OpenAsync(client, "/graphql/stream", Document, operationName: "Q");
        var sseQueryResult = await sseQuery.NextAsync(GraphQLWebSocket.Deadline);
        using var sseMutation = await SseStream.OpenAsync(client, "/graphql/stream", Document, operationName: "M");
        var sseMutationResult = await sseMutation.NextAsync(GraphQLWebSocket.Deadline);
        await socket.SendAsync(JsonSerializer.Serialize(new { id = "q", type = "subscribe", payload = new { query = Document, operationName = "Q" } }));
        var wsQuery = await socket.ReceiveForAsync("q");
        var wsQueryEnd = await socket.ReceiveForAsync("q");
        await socket.SendAsync(JsonSerializer.Serialize(new { id = "m", type = "subscribe", payload = new { query = Document, operationName = "M" } }));
        var wsMutation = await socket.ReceiveForAsync("m");

        Assert.Equal(EventName, sseQueryResult?["data"].AsJson());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", sseMutationResult?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(("next", EventName), (wsQuery["type"]!.GetValue<string>(), wsQuery["payload"]!["data"].AsJson()));
        Assert.Equal("complete", wsQueryEnd["type"]!.GetValue<string>());
        Assert.Equal(("error", "AUTH_NOT_AUTHENTICATED"), (wsMutation["type"]!.GetValue<string>(), wsMutation["payload"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal(before, await server.DumpDatabaseAsync());
    }

    private static string Body(string operationName) => JsonSerializer.Serialize(new { query = Document, operationName });

    private static HttpRequestMessage Post(string body) => new(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
