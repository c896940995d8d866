using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>GraphQL requests for servers a test configures itself (through <c>WithWebHostBuilder</c>).</summary>
internal static class Requests
{
    public static HttpRequestMessage Post(string query, object? variables = null, string? bearerKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }

        return request;
    }

    public static async Task<string?> FirstErrorCodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
