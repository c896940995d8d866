using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Summit.Graph.Data;
using Summit.Graph.Data.Sqlite;
using Summit.Graph.Hosting;

namespace Summit.Graph.Tests.Data;

/// <summary>
/// Checks the model and every provider's migrations without a database server: the model has no changes the
/// migrations lack, and the SQL Server script (what a DBA would review) is kept in <c>schema/</c>.
/// </summary>
public sealed class MigrationsTests
{
    private const string SqlServerScript = "schema/sqlserver-migrations.sql";

    [Theory]
    [InlineData(DatabaseProviders.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProviders.SqlServer, "Server=127.0.0.1;Database=summit;User Id=sa;Password=unused;TrustServerCertificate=True")]
    [InlineData(DatabaseProviders.PostgreSql, "Host=127.0.0.1;Database=summit;Username=postgres")]
    public void MigrationsCoverTheModel(string provider, string connectionString)
    {
        using var db = Create(provider, connectionString);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes the {provider} migrations lack: add a migration in src/Summit.Graph.Migrations.{provider} (see README, Migrations).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    /// <summary>
    /// SQLite connections come without EF Core's decimal helper functions (<c>SqliteConnectionSetup</c>): a
    /// decimal column would make queries that compute or compare it fail with "no such function".
    /// </summary>
    [Fact]
    public void TheModelHasNoDecimalColumns()
    {
        using var db = Create(DatabaseProviders.Sqlite, "Data Source=:memory:");

        var decimals = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(decimal) || p.ClrType == typeof(decimal))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(decimals);
        Assert.NotEmpty(db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()));
    }

    [Fact]
    public async Task SqlServerScriptMatchesTheMigrations()
    {
        await using var db = Create(DatabaseProviders.SqlServer, "Server=127.0.0.1;Database=summit;User Id=sa;Password=unused;TrustServerCertificate=True");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent).ReplaceLineEndings("\n");
        var path = Path.Combine(RepositoryRoot(), SqlServerScript);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, script);
        }

        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == script,
            $"{SqlServerScript} differs from the SQL Server migrations. Review the change, then update it with " +
            "`UPDATE_SCHEMA=1 dotnet test --filter SqlServerScriptMatchesTheMigrations` and commit it.");
        Assert.Contains("Latin1_General_100_CS_AS_SC_UTF8", script, StringComparison.Ordinal);
    }

    private static SummitDbContext Create(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<SummitDbContext>();
        DatabaseProviders.Configure(options, provider, connectionString);
        return new SummitDbContext(options.Options);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Summit.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Summit.Graph.sln not found above " + AppContext.BaseDirectory);
    }
}
