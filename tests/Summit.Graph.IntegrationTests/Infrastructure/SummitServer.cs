using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Summit.Graph.Auth;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Http;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// The one server every integration test talks to: the real host over HTTP (in-memory transport), on a
/// fresh database with the bundled 2021 summit imported at start-up, exactly as a first run does. The
/// database is a new SQLite file, or, when <c>SUMMIT_TEST_POSTGRES</c> holds a server's connection string
/// (as <c>.ci/run</c> sets it), a new database on that PostgreSQL server.
/// </summary>
public sealed class SummitServer : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "SUMMIT_TEST_POSTGRES";
    private readonly string name = "summit_test_" + Guid.NewGuid().ToString("N");
    private readonly string dataDirectory;
    private readonly string? postgres = Environment.GetEnvironmentVariable(PostgresVariable);

    public SummitServer()
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "summit-graph-tests", name);
    }

    /// <summary>
    /// A server whose database cannot be opened (a read-only SQLite file that does not exist), with nothing done to
    /// it at start-up: it starts and answers, but every database call fails.
    /// </summary>
    public static SummitServer WithUnreachableDatabase()
    {
        var missing = Path.Combine(Path.GetTempPath(), "summit-graph-tests", Guid.NewGuid().ToString("N"), "absent.db");
        return new SummitServer
        {
            Settings =
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={missing};Mode=ReadOnly",
                ["Database:MigrateOnStartup"] = "false",
                ["Database:SeedWhenEmpty"] = "false",
            },
        };
    }

    /// <summary>The provider under test: Sqlite or PostgreSql (a test may pin one with <c>Database:Provider</c> in <see cref="Settings"/>).</summary>
    public string Provider => OnPostgres ? "PostgreSql" : Settings.GetValueOrDefault("Database:Provider", "Sqlite");

    private bool OnPostgres => postgres is not null && !Settings.ContainsKey("Database:Provider");

    private readonly SqlLog sql = new();

    /// <summary>
    /// Every SQL statement the server sends, for tests that inspect columns and statement counts. The server is
    /// started first, so that a capture holds the test's own statements, not the first start's migration and import.
    /// </summary>
    public SqlLog Sql
    {
        get
        {
            _ = Services;
            return sql;
        }
    }

    /// <summary>Another writer's commit between a mutation's checks and its save, where the database allows one.</summary>
    public ConcurrentCommits ConcurrentCommits { get; } = new();

    /// <summary>What the stored content versions were inside each commit, while armed.</summary>
    public CommitProbe CommitProbe { get; } = new();

    /// <summary>The warnings and errors the server logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Configuration the server starts with, such as <c>Auth:BootstrapEditorKey</c>; set before the first request.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        if (OnPostgres)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("Database:ConnectionString", new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString);
        }

        builder.UseSetting("GraphQL:ExposeSqlStatementCount", "true");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(sql).AddSingleton<IInterceptor>(ConcurrentCommits).AddSingleton<IInterceptor>(CommitProbe));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>
    /// Starts the host and waits for its start-up warm-up (<see cref="StartupWarmUp"/>) to finish, so that no test's
    /// SQL capture or first request overlaps the warm-up's own.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<StartupWarmUp>().ExecuteTask?.GetAwaiter().GetResult();
        return host;
    }

    /// <summary>
    /// Posts one operation; <paramref name="bearerKey"/> goes into <c>Authorization: Bearer</c>. <paramref name="noCache"/>
    /// sends <c>Cache-Control: no-cache</c>, so the operation runs even when its answer is in the response cache: for
    /// tests of how it runs (its SQL statements), not of what it answers.
    /// </summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? accept = null, string? bearerKey = null, bool noCache = false)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }

        if (noCache)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        return await SendAsync(request, accept);
    }

    /// <summary>Posts and fails the test on any GraphQL error; returns <c>data</c>.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null, string? bearerKey = null, bool noCache = false)
    {
        var response = await PostAsync(query, variables, bearerKey: bearerKey, noCache: noCache);
        Assert.True(response.Errors is null, $"Unexpected errors: {response.Errors?.ToJsonString()}");
        return response.Data ?? throw new InvalidOperationException("The response has no data.");
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, string? accept = null)
    {
        using var client = CreateClient();
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text,
            response.Headers.TryGetValues("X-Sql-Statements", out var counts) ? int.Parse(counts.First(), System.Globalization.CultureInfo.InvariantCulture) : null,
            response.Headers, [.. response.Content.Headers.Allow]);
    }

    /// <summary>Direct database access, for arranging rows a test needs and checking what a request left behind.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<SummitDbContext, Task<T>> action)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync();
        db.IncludeDrafts = true;
        return await action(db);
    }

    /// <summary>
    /// Changes the database directly, as a writer outside the product would (another instance without Redis, a script):
    /// commits <paramref name="action"/>, raises the stored content version as every writer must, and has the server
    /// read it now instead of at its next poll (<see cref="DatabaseContentVersion.PollInterval"/>), so the test's next
    /// request sees the change and no answer kept from before it.
    /// </summary>
    public async Task<T> ChangeDatabaseAsync<T>(Func<SummitDbContext, Task<T>> action)
    {
        var result = await WithDatabaseAsync(action);
        await WithDatabaseAsync(async db =>
        {
            await ContentVersionStore.RaiseAsync(db, isPublic: true, CancellationToken.None);
            return 0;
        });
        await Services.GetRequiredService<DatabaseContentVersion>().RefreshAsync(CancellationToken.None);
        return result;
    }

    /// <summary>Creates a stored API key, as <c>keys create</c> does, and returns the key.</summary>
    public Task<string> CreateKeyAsync(string name, ApiKeyRole role) => Services.GetRequiredService<ApiKeyService>().CreateAsync(name, role);

    public Task<bool> RevokeKeyAsync(string name) => Services.GetRequiredService<ApiKeyService>().RevokeAsync(name);

    /// <summary>
    /// Every row of every table, one line each, in a stable order: equal dumps mean the database is unchanged. Of the
    /// webhook outbox, what a change writes and whether a delivery is FAILED (which an editor's redeliver undoes) are
    /// dumped, not the delivery state the sender updates in the background: attempts, errors, leases, delivery. The
    /// sender marks a delivery failed only after Webhooks:GiveUpAfter, days after its change.
    /// </summary>
    public Task<IReadOnlyList<string>> DumpDatabaseAsync() => WithDatabaseAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "WebhookDeliveries"
                ? "SELECT \"Id\", \"EndpointId\", \"EventId\", \"EventName\", \"Subject\", \"Body\", \"CreatedAt\", CASE WHEN \"Status\" = 'Failed' THEN 1 ELSE 0 END AS \"Failed\" FROM \"WebhookDeliveries\""
                : $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}");
                rows.Add($"{table}|{string.Join('|', values)}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return (IReadOnlyList<string>)rows;
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (disposing && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        if (disposing && OnPostgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var connection = new Npgsql.NpgsqlConnection(postgres);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }
}

public sealed record GraphQLResponse(System.Net.HttpStatusCode Status, string? MediaType, string Body, int? SqlStatements, HttpResponseHeaders Headers, IReadOnlyList<string> Allow)
{
    public JsonNode? Json { get; } = TryParse(Body);

    public JsonNode? Data => Json?["data"];

    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public string? FirstErrorCode => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SummitServerCollection : ICollectionFixture<SummitServer>
{
    /// <summary>All integration tests share one server and run one at a time, so SQL logs are per test.</summary>
    public const string Name = "Summit server";
}
