using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// The built server as a real process on Kestrel (127.0.0.1, a free port), for clients that need a real
/// socket: a browser, the npm GraphQL clients, the GraphQL-over-HTTP audit. Its own database folder, the
/// bundled summit imported at start-up, and an editor key the tests use for mutations. Like
/// <see cref="SummitServer"/>, it uses a new database on the PostgreSQL server <c>SUMMIT_TEST_POSTGRES</c> names, when set.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    public const string EditorKey = "running-server-editor-key";

    private readonly string folder = Directory.CreateTempSubdirectory("summit-graph-server-").FullName;
    private readonly string database = "summit_running_" + Guid.NewGuid().ToString("N");
    private readonly List<string> log = [];
    private Process? process;

    public string Origin { get; private set; } = "";

    /// <summary>The server's database folder (<c>summit.db</c> on SQLite); it survives <see cref="KillAsync"/>.</summary>
    public string DataDirectory => Path.Combine(folder, "data");

    public string Endpoint => Origin + "/graphql";

    /// <summary>
    /// Environment variables the server starts with (for example <c>Redis__ConnectionString</c>); a
    /// <c>Database__Provider</c> here also replaces the default database.
    /// </summary>
    public Dictionary<string, string> Environment { get; } = [];

    public Task InitializeAsync() => StartAsync();

    /// <summary>
    /// Starts the server and waits until it answers; after <see cref="KillAsync"/>, starts it again on the
    /// same database and port, as a supervisor restarting a crashed process does.
    /// </summary>
    public async Task StartAsync()
    {
        if (Origin.Length == 0)
        {
            Origin = $"http://127.0.0.1:{FreePort()}";
        }

        var start = ServerProcess.StartInfo(DataDirectory, "--urls", Origin);
        // Drained as it comes: a full pipe would block the server.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        if (System.Environment.GetEnvironmentVariable(SummitServer.PostgresVariable) is { } postgres && !Environment.ContainsKey("Database__Provider"))
        {
            start.Environment["Database__Provider"] = "PostgreSql";
            start.Environment["Database__ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres)
            {
                Database = database,
            }.ConnectionString;
        }

        start.Environment["Auth__BootstrapEditorKey"] = EditorKey;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(Origin + "/graphql/schema.graphql");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The server did not answer at {Origin} within a minute (exited: {process.HasExited}).");
    }

    /// <summary>The lines the server wrote (logs at <c>Warning</c> and above, as <see cref="ServerProcess"/> starts it), both streams.</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.Add(line);
            }
        }
    }

    /// <summary>Kills the server with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// The environment that puts several servers on one database: a new database on the PostgreSQL server
    /// <c>SUMMIT_TEST_POSTGRES</c> names, when set, else one SQLite file in <paramref name="sqliteFolder"/>.
    /// </summary>
    public static Dictionary<string, string> SharedDatabase(string sqliteFolder) =>
        System.Environment.GetEnvironmentVariable(SummitServer.PostgresVariable) is { } postgres
            ? new()
            {
                ["Database__Provider"] = "PostgreSql",
                ["Database__ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "summit_shared_" + Guid.NewGuid().ToString("N") }.ConnectionString,
            }
            : new()
            {
                ["Database__Provider"] = "Sqlite",
                ["Database__ConnectionString"] = $"Data Source={Path.Combine(sqliteFolder, "summit.db")}",
            };

    /// <summary>Posts one operation over a real socket and fails the test on any GraphQL error; returns <c>data</c>.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null, string? key = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }

    /// <summary>A TCP port nothing listens on now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RunningServerCollection : ICollectionFixture<RunningServer>
{
    public const string Name = "Running server";
}
