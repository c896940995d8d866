using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>Sends raw requests and checks what every refusal must look like.</summary>
public static class HostileRequests
{
    public const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>Markers of a leaked exception: a .NET stack frame, an exception type, an SQL error.</summary>
    private static readonly string[] Leaks = ["   at ", "Exception", "stackTrace", "SQLite Error", "Npgsql", "SqliteException"];

    public static Task<GraphQLResponse> PostRawAsync(this SummitServer server, byte[] body, string? contentType, string? accept = GraphQLResponse, string? bearerKey = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }

        return server.SendAsync(request, accept);
    }

    public static Task<GraphQLResponse> PostRawAsync(this SummitServer server, string body, string? contentType = "application/json", string? accept = GraphQLResponse, string? bearerKey = null) =>
        server.PostRawAsync(Encoding.UTF8.GetBytes(body), contentType, accept, bearerKey);

    /// <summary>Posts <c>{query, variables}</c> with the spec's media type, so refusals before execution are 400.</summary>
    public static Task<GraphQLResponse> PostJsonAsync(this SummitServer server, string query, object? variables = null, string? bearerKey = null, string? operationName = null) =>
        server.PostRawAsync(JsonSerializer.Serialize(new { query, variables, operationName }), bearerKey: bearerKey);

    /// <summary>The status is <paramref name="status"/>, the body a GraphQL error, and nothing internal leaks.</summary>
    public static void AssertRefused(this GraphQLResponse response, HttpStatusCode status, string? messagePart = null)
    {
        Assert.True(status == response.Status, $"Expected {(int)status}, got {(int)response.Status}: {Truncate(response.Body)}");
        Assert.True(response.Errors is { Count: > 0 }, $"No GraphQL error in: {Truncate(response.Body)}");
        response.AssertNoLeak();
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    public static void AssertNoLeak(this GraphQLResponse response)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.Status);
        foreach (var leak in Leaks)
        {
            Assert.False(response.Body.Contains(leak, StringComparison.Ordinal), $"The response leaks '{leak}': {Truncate(response.Body)}");
        }
    }

    public static string Truncate(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
