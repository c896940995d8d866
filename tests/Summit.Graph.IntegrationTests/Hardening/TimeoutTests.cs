using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

[Collection(SummitServerCollection.Name)]
public sealed class TimeoutTests(SummitServer server)
{
    [Fact]
    public async Task SlowOperationsAreCancelledAtTheTimeoutDatabaseWorkIncluded()
    {
        var slowSql = new SlowSql();
        using var strict = server.WithWebHostBuilder(builder => builder
            // Long enough that parsing, validation and planning finish before it on a loaded machine (the SQL
            // must have started for its cancellation to be checked), short enough to keep the test quick.
            .UseSetting("GraphQL:Limits:TimeoutSeconds", "2")
            .ConfigureServices(services => services.AddSingleton<IInterceptor>(slowSql)));
        using var client = strict.CreateClient();
        // A first answer builds the new host's schema, which is no work of the operation's.
        using var warm = await client.SendAsync(Requests.Post("{ sessions(first: 1) { nodes { title } } }"));
        slowSql.Delay = TimeSpan.FromMinutes(2);

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(Requests.Post("{ sessions { nodes { title } } }"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("LIMIT_TIMEOUT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("The operation ran longer than 2 s and was cancelled (GraphQL:Limits:TimeoutSeconds).", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
        Assert.True(slowSql.Cancelled, "The SQL command was not cancelled.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"The answer took {watch.Elapsed}, not the timeout's 2 s: the SQL ran on.");
    }

    /// <summary>Makes every query wait (honouring its cancellation token, as database drivers do) once switched on.</summary>
    private sealed class SlowSql : DbCommandInterceptor
    {
        public TimeSpan Delay { get; set; }

        public bool Cancelled { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            try
            {
                await Task.Delay(Delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            return result;
        }
    }
}
