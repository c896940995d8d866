using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// PostgreSQL goes away under a running server and comes back. Meanwhile reads and mutations get a clear
/// <c>DATABASE_UNAVAILABLE</c> error, never a stack trace: a 200 with the field null when the operation ran
/// (the GraphQL-over-HTTP spec's status for executed requests), a 503 when it was refused before running
/// because a stored key could not be checked (a WebSocket's <c>connection_init</c>: closed with 1013, try again
/// later). Readiness is 503 and liveness 200 (no restart needed); afterwards the server recovers on its own.
/// A read answered before the outage is still answered from the response cache: no writer can commit while the
/// database is down, so its answer is still the current content.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string Read = """{"query":"{ event { slug } }"}""";
    /// <summary>A read first sent during the outage: nothing in the response cache answers it.</summary>
    private const string Unasked = """{"query":"{ event { slug name } }"}""";
    private const string Mutation = """{"query":"mutation { createPresenter(input: {name: \"Outage Person\"}) { presenter { slug } } }"}""";
    /// <summary>Any key but the bootstrap key is looked up in the database.</summary>
    private const string StoredKey = "sgk_a-key-only-the-database-knows";
    private readonly PostgresServer postgres = new();
    private RunningServer server = null!;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        server = new RunningServer { Environment = { ["Database__Provider"] = "PostgreSql", ["Database__ConnectionString"] = postgres.ConnectionString } };
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await postgres.DisposeAsync();
    }

    [Fact]
    public async Task WhilePostgresIsDownRequestsGetAClearErrorAndTheServerRecoversWithoutARestart()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Read, HostileRequests.GraphQLResponse)).Status);

        await postgres.StopAsync();

        var cached = await PostAsync(client, Read, HostileRequests.GraphQLResponse);
        Assert.Equal((HttpStatusCode.OK, "kubevirt-summit-2021"), (cached.Status, cached.Data?["event"]?["slug"]?.GetValue<string>()));
        foreach (var (body, accept, key) in new[]
        {
            (Unasked, HostileRequests.GraphQLResponse, (string?)null),
            (Unasked, "application/json", null),
            (Unasked, HostileRequests.GraphQLResponse, StoredKey),
            (Mutation, HostileRequests.GraphQLResponse, RunningServer.EditorKey),
            (Mutation, "application/json", RunningServer.EditorKey),
        })
        {
            // Executed: the spec's 200, the field null, the error saying why.
            var response = await PostAsync(client, body, accept, key);
            response.AssertRefused(HttpStatusCode.OK, "database is unavailable");
            Assert.Equal("DATABASE_UNAVAILABLE", response.FirstErrorCode);
        }

        // A stored key cannot be checked: refused before execution, so 503 for the GraphQL response media type.
        var keyUnchecked = await PostAsync(client, Mutation, HostileRequests.GraphQLResponse, StoredKey);
        keyUnchecked.AssertRefused(HttpStatusCode.ServiceUnavailable, "database is unavailable");
        Assert.Equal("DATABASE_UNAVAILABLE", keyUnchecked.FirstErrorCode);
        var legacy = await PostAsync(client, Mutation, "application/json", StoredKey);
        legacy.AssertRefused(HttpStatusCode.OK, "database is unavailable");

        // Over a WebSocket the key is checked at connection_init: a close that says try again, not an abort or a 4403;
        // graphql-ws hears the code in a connection_error first.
        using var socket = await GraphQLWebSocket.ConnectAsync(server.Endpoint);
        await socket.InitAsync(StoredKey);
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal((1013, "DATABASE_UNAVAILABLE"), ((int?)socket.Socket.CloseStatus, socket.Socket.CloseStatusDescription?.Split(':')[0]));
        using var legacySocket = await GraphQLWebSocket.ConnectAsync(server.Endpoint, WebSocketProtocol.LegacyWs);
        await legacySocket.InitAsync(StoredKey);
        Assert.Equal("DATABASE_UNAVAILABLE", (await legacySocket.ReceiveAsync())?["payload"]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(await legacySocket.ReceiveAsync());
        Assert.Equal(1013, (int?)legacySocket.Socket.CloseStatus);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/live"));
        // One warning line per failed field, not EF Core's own error entries with a stack trace each (about 56 lines a request).
        Assert.Contains(server.LogLines, line => line.Contains("The database is unavailable while resolving", StringComparison.Ordinal));
        Assert.DoesNotContain(server.LogLines, line => line.Contains("Microsoft.EntityFrameworkCore.Query", StringComparison.Ordinal) || line.Contains("Microsoft.EntityFrameworkCore.Database", StringComparison.Ordinal));
        Assert.DoesNotContain(server.LogLines, line => line.TrimStart().StartsWith("at Npgsql", StringComparison.Ordinal));

        await postgres.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        GraphQLResponse recovered;
        do
        {
            await Task.Delay(250);
            recovered = await PostAsync(client, Unasked, HostileRequests.GraphQLResponse);
        }
        while (recovered.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.Equal("kubevirt-summit-2021", recovered.Data!["event"]!["slug"]!.GetValue<string>());
        var created = await PostAsync(client, Mutation, HostileRequests.GraphQLResponse, RunningServer.EditorKey);
        Assert.Equal("outage-person", created.Data!["createPresenter"]!["presenter"]!["slug"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/ready"));
    }

    private async Task<GraphQLResponse> PostAsync(HttpClient client, string body, string accept, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), null, response.Headers, []);
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(server.Origin + path);
        return response.StatusCode;
    }
}
