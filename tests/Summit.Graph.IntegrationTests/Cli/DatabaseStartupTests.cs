using Microsoft.Data.Sqlite;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Cli;

/// <summary>
/// What a command (and, the same way, the server's start) does with a database it cannot use as it is: a migration lock
/// left by a process killed while holding it, a database opened read-only, a data folder that cannot be made. Each
/// either works or stops within <c>Database:StartupTimeoutSeconds</c> with one line on standard error and a documented
/// exit code, never a hang or a stack trace; and a command's standard output holds only its result.
/// </summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("summit-graph-startup-").FullName;

    private string Database => Path.Combine(folder, "summit.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ALeftoverMigrationLockDoesNotStopADatabaseWithNothingToMigrate()
    {
        await PrepareAsync();
        await ExecuteAsync("INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-12-01 11:00:00')");

        var listed = await ServerProcess.RunAsync(folder, "keys", "list", "--Database:StartupTimeoutSeconds=2");

        Assert.Equal((0, ""), (listed.ExitCode, listed.Error));
    }

    [Fact]
    public async Task ALeftoverMigrationLockWithAMigrationToApplyStopsAtTheDeadlineWithOneLine()
    {
        await PrepareAsync();
        await ExecuteAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")");
        await ExecuteAsync("INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-12-01 11:00:00')");

        var listed = await ServerProcess.RunAsync(folder, "keys", "list", "--Database:StartupTimeoutSeconds=2");

        Assert.Equal(75, listed.ExitCode);
        Assert.StartsWith("The database is unavailable (", listed.Error, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsLock", listed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", listed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseOpenedReadOnlyCanBeExported()
    {
        await PrepareAsync();

        var exported = await ServerProcess.RunAsync(folder, "export", "--event", "kubevirt-summit-2021", $"--Database:ConnectionString=Data Source={Database};Mode=ReadOnly");

        Assert.Equal(0, exported.ExitCode);
        Assert.StartsWith("---", exported.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADataFolderThatIsAFileStopsWithOneLine()
    {
        var file = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "");

        var listed = await ServerProcess.RunAsync(file, "keys", "list");

        Assert.Equal(2, listed.ExitCode);
        Assert.StartsWith($"Database:DataDirectory '{file}' cannot hold the database: ", listed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", listed.Error, StringComparison.Ordinal);
    }

    /// <summary>Logged at Information, a first start's migrations and import are logged; they go to standard error, the page alone to standard output.</summary>
    [Fact]
    public async Task ACommandLogsToStandardErrorAndWritesOnlyItsResultToStandardOutput()
    {
        var start = ServerProcess.StartInfo(folder, "export", "--event", "kubevirt-summit-2021");
        start.Environment["Logging__LogLevel__Default"] = "Information";

        var exported = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.Equal(0, exported.ExitCode);
        Assert.StartsWith("---", exported.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", exported.Output, StringComparison.Ordinal);
        Assert.Contains("Imported the bundled KubeVirt Summit 2021", exported.Error, StringComparison.Ordinal);
    }

    /// <summary>Creates the database (migrations and the bundled summit), as a first command does.</summary>
    private async Task PrepareAsync() => Assert.Equal(0, (await ServerProcess.RunAsync(folder, "keys", "list")).ExitCode);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
