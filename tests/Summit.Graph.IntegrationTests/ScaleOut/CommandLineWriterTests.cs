using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.ScaleOut;

/// <summary>
/// A running server, with or without Redis, and a command-line import into its database run without Redis (as an
/// operator's shell has none of the server's settings): the server's ETags and remembered counts follow the import
/// through the content version kept in the database.
/// </summary>
public sealed class CommandLineWriterTests
{
    private const string EventsQuery = "{ events { totalCount nodes { slug } } }";

    [Fact]
    public void ServersReadTheStoredVersionWellWithinASecond()
    {
        Assert.True(DatabaseContentVersion.PollInterval <= TimeSpan.FromMilliseconds(500));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommandLineImportInvalidatesTheRunningServersETagsAndCounts(bool serverUsesRedis)
    {
        var redis = new RedisServer();
        var server = new RunningServer { Environment = { ["Database__Provider"] = "Sqlite" } };
        try
        {
            if (serverUsesRedis)
            {
                await redis.InitializeAsync();
                server.Environment["Redis__ConnectionString"] = redis.ConnectionString;
            }

            await server.InitializeAsync();
            using var client = new HttpClient();
            var before = await GetAsync(client, server, etag: null);
            var revalidated = await GetAsync(client, server, before.ETag);
            var sample = RepositoryFiles.PathOf(Path.Combine("tests", "Summit.Graph.Tests", "Content", "Pages", "inline-day-sections.md"));

            var import = await ServerProcess.RunAsync(server.DataDirectory, "import", sample);
            // How soon depends on the machine; that it happens does not. The server reads the version every poll interval.
            var after = await Eventually.ReturnsAsync(async () => await GetAsync(client, server, before.ETag) is { Status: not HttpStatusCode.NotModified } changed ? changed : null,
                "an answer changed by the command-line import");

            Assert.Equal((HttpStatusCode.OK, 1, 1), (before.Status, before.TotalCount, before.Listed));
            Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
            Assert.Equal(0, import.ExitCode);
            Assert.Equal((HttpStatusCode.OK, 2, 2), (after.Status, after.TotalCount, after.Listed));
            Assert.NotEqual(before.ETag, after.ETag);
        }
        finally
        {
            await server.DisposeAsync();
            await redis.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<Answer> GetAsync(HttpClient client, RunningServer server, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Endpoint}?query={Uri.EscapeDataString(EventsQuery)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        using var response = await client.SendAsync(request);
        var events = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync())?["data"]?["events"] : null;
        return new Answer(response.StatusCode, response.Headers.ETag?.ToString(), events?["totalCount"]?.GetValue<int>(), events?["nodes"]?.AsArray().Count);
    }

    private sealed record Answer(HttpStatusCode Status, string? ETag, int? TotalCount, int? Listed);
}
