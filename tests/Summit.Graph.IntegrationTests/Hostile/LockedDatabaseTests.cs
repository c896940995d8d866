using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Another process holds the embedded SQLite database's write lock (an administrator's <c>sqlite3</c> shell in a
/// transaction, a backup tool) for longer than a writer waits. A mutation gets <c>DATABASE_UNAVAILABLE</c>, the
/// retryable error of a database that cannot serve it now, not <c>DATABASE_ERROR</c>; reads go on (WAL); a command
/// says so in one line with exit code 75 instead of a stack trace; once the lock is let go, the same mutation saves.
/// The server's and the command's connection strings wait one second (<c>Default Timeout=1</c>) instead of 30.
/// </summary>
public sealed class LockedDatabaseTests : IAsyncLifetime
{
    private const string Mutation = """{"query":"mutation { createPresenter(input: {name: \"Locked Out\"}) { presenter { slug } errors { __typename } } }"}""";
    private readonly RunningServer server = new();

    private string ConnectionString => $"Data Source={Path.Combine(server.DataDirectory, "summit.db")};Default Timeout=1";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(server.DataDirectory);
        server.Environment["Database__Provider"] = "Sqlite";
        server.Environment["Database__ConnectionString"] = ConnectionString;
        return server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task WhileAnotherProcessHoldsTheWriteLockMutationsAndCommandsSayTheDatabaseIsUnavailable()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        JsonNode? locked;
        JsonNode? read;
        ProcessRun command;
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "summit.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();

            locked = await PostAsync(client, Mutation, RunningServer.EditorKey);
            read = await PostAsync(client, """{"query":"{ event { slug } }"}""", key: null);
            command = await ServerProcess.RunAsync(server.DataDirectory, "keys", "create", "--name", "locked-out", "--role", "editor",
                $"--Database:ConnectionString={ConnectionString}", "--Database:StartupTimeoutSeconds=1");
        }

        var saved = await PostAsync(client, Mutation, RunningServer.EditorKey);

        Assert.Equal("DATABASE_UNAVAILABLE", locked?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal("kubevirt-summit-2021", read?["data"]?["event"]?["slug"]?.GetValue<string>());
        Assert.Equal(75, command.ExitCode);
        Assert.StartsWith("The database is unavailable (", command.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", command.Error, StringComparison.Ordinal);
        Assert.Equal("locked-out", saved?["data"]?["createPresenter"]?["presenter"]?["slug"]?.GetValue<string>());
    }

    private async Task<JsonNode?> PostAsync(HttpClient client, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }
}
