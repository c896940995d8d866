using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// The server as its own process on SQLite (WAL), killed with SIGKILL in the middle of a stream of mutations
/// and started again on the same folder: what it acknowledged is there, nothing is half-written.
/// </summary>
public sealed class CrashSafetyTests
{
    private const string CreatePresenter = "mutation($input: CreatePresenterInput!) { createPresenter(input: $input) { presenter { id slug } errors { __typename } } }";

    [Fact]
    public async Task EveryAcknowledgedMutationSurvivesASigkillAndNothingIsHalfApplied()
    {
        var server = new RunningServer { Environment = { ["Database__Provider"] = "Sqlite" } };
        await server.InitializeAsync();
        try
        {
            var acknowledged = new ConcurrentBag<string>();
            var next = 0;
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", RunningServer.EditorKey);

            async Task WriteAsync()
            {
                // Bounded: the kill ends the stream long before 2,000 mutations.
                for (var i = 0; i < 2_000; i++)
                {
                    var slug = $"crash-{Interlocked.Increment(ref next)}";
                    try
                    {
                        using var response = await client.PostAsJsonAsync(server.Endpoint, new { query = CreatePresenter, variables = new { input = new { name = $"Crash {slug}", slug } } });
                        var payload = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["data"]?["createPresenter"];
                        Assert.True(payload?["presenter"]?["slug"]?.GetValue<string>() == slug, $"createPresenter {slug} was not acknowledged: {payload?.ToJsonString()}");
                        acknowledged.Add(slug);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (Exception exception) when (exception is TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            }

            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(WriteAsync)).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 60 && DateTime.UtcNow < deadline && writers.All(w => !w.IsCompleted))
            {
                await Task.Delay(10);
            }

            await server.KillAsync();
            await Task.WhenAll(writers);
            Assert.True(acknowledged.Count >= 60, $"Only {acknowledged.Count} mutations were acknowledged before the kill.");

            await server.StartAsync();

            await using var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "summit.db")};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check"));
            var stored = await ColumnAsync(db, "SELECT Slug FROM Presenters WHERE Slug LIKE 'crash-%'");
            Assert.Empty(acknowledged.Except(stored));
            Assert.Empty(await ColumnAsync(db, """
                SELECT p.Slug FROM Presenters p
                WHERE p.Slug LIKE 'crash-%'
                  AND (SELECT COUNT(*) FROM Revisions r WHERE r.EntityType = 'Presenter' AND r.EntityId = p.Id AND r.Operation = 'Create') <> 1
                """));
            Assert.Empty(await ColumnAsync(db, """
                SELECT r.Id FROM Revisions r
                WHERE r.EntityType = 'Presenter' AND r.Operation = 'Create' AND NOT EXISTS (SELECT 1 FROM Presenters p WHERE p.Id = r.EntityId)
                """));

            var reread = await client.PostAsJsonAsync(server.Endpoint, new { query = "query($slug: String!) { presenter(slug: $slug) { name } }", variables = new { slug = acknowledged.First() } });
            Assert.Equal($"Crash {acknowledged.First()}", JsonNode.Parse(await reread.Content.ReadAsStringAsync())!["data"]!["presenter"]!["name"]!.GetValue<string>());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await server.DisposeAsync();
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }
}
