using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.ScaleOut;

/// <summary>
/// A running server without Redis, and a command-line import into its database: the server's ETags and remembered
/// counts follow the import through the content version kept in the database.
/// </summary>
public sealed class CommandLineWriterTests : IAsyncLifetime
{
    private const string EventsQuery = "{ events { totalCount nodes { slug } } }";
    private readonly RunningServer server = new() { Environment = { ["Database__Provider"] = "Sqlite" } };

    public Task InitializeAsync() => server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void ServersReadTheStoredVersionWellWithinASecond()
    {
        Assert.True(DatabaseContentVersion.PollInterval <= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task CommandLineImportInvalidatesTheRunningServersETagsAndCounts()
    {
        using var client = new HttpClient();
        var before = await GetAsync(client, etag: null);
        var revalidated = await GetAsync(client, before.ETag);
        var sample = RepositoryFiles.PathOf(Path.Combine("tests", "Summit.Graph.Tests", "Content", "Pages", "inline-day-sections.md"));

        var import = await ServerProcess.RunAsync(server.DataDirectory, "import", sample);
        // How soon depends on the machine; that it happens does not. The server reads the version every poll interval.
        var after = await Eventually.ReturnsAsync(async () => await GetAsync(client, before.ETag) is { Status: not HttpStatusCode.NotModified } changed ? changed : null,
            "an answer changed by the command-line import");

        Assert.Equal((HttpStatusCode.OK, 1, 1), (before.Status, before.TotalCount, before.Listed));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal((HttpStatusCode.OK, 2, 2), (after.Status, after.TotalCount, after.Listed));
        Assert.NotEqual(before.ETag, after.ETag);
    }

    private async Task<Answer> GetAsync(HttpClient client, string? etag)
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
