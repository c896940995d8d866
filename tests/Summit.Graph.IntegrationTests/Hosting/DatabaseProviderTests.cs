using Microsoft.EntityFrameworkCore;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hosting;

[Collection(SummitServerCollection.Name)]
public sealed class DatabaseProviderTests(SummitServer server)
{
    [Fact]
    public async Task ServerRunsOnTheProviderUnderTestWithAllMigrationsApplied()
    {
        var (providerName, pending) = await server.WithDatabaseAsync(async db =>
            (db.Database.ProviderName, (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.EndsWith(server.Provider == "PostgreSql" ? "PostgreSQL" : "Sqlite", providerName, StringComparison.Ordinal);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task TimesComeBackAsUtc()
    {
        var startsAt = await server.WithDatabaseAsync(db => db.Slots.OrderBy(s => s.StartsAt).Select(s => s.StartsAt).FirstAsync());

        Assert.Equal(DateTimeKind.Utc, startsAt.Kind);
        Assert.Equal(new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc), startsAt);
    }

    [Fact]
    public async Task OnSqliteThePlannerHasStatisticsOfTheImportedProgramme()
    {
        using var sqlite = new SummitServer { Settings = { ["Database:Provider"] = "Sqlite" } };

        var analysed = await sqlite.WithDatabaseAsync(db =>
            db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS \"Value\" FROM sqlite_stat1").ToListAsync());

        Assert.Contains("Sessions", analysed);
        Assert.Contains("Slots", analysed);
    }
}
