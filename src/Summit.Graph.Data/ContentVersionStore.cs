using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data;

/// <summary>
/// Reads and raises the database's <see cref="ContentVersion"/> row with one plain statement each
/// (<see cref="PlainStatements"/>), so the per-request statement counts that tests and the benchmark hold constant see
/// neither a writer's raise nor the servers' polling.
/// </summary>
public static class ContentVersionStore
{
    private const string Read = "SELECT \"Version\", \"PublicVersion\" FROM \"ContentVersions\" WHERE \"Id\" = 1";

    /// <summary>The stored (version, public version); zeros before the row exists.</summary>
    public static async Task<(long Version, long PublicVersion)> ReadAsync(SummitDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await PlainStatements.RunAsync(db, Read, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0L, 0L);
        });
    }

    /// <summary>
    /// Counts one change, and one public change when anonymous readers could see it. Run inside the writer's transaction
    /// (before its commit), so the count commits with the change or not at all: a writer that crashes, or whose database
    /// fails, right after its commit cannot leave other servers serving answers from before it. Returns the stored
    /// (version, public version) after the raise, as this transaction sees them.
    /// </summary>
    public static async Task<(long Version, long PublicVersion)> RaiseAsync(SummitDbContext db, bool isPublic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = $"UPDATE \"ContentVersions\" SET \"Version\" = \"Version\" + 1, \"PublicVersion\" = \"PublicVersion\" + {(isPublic ? 1 : 0)} WHERE \"Id\" = 1";
        await PlainStatements.RunAsync(db, sql, command => command.ExecuteNonQueryAsync(cancellationToken));
        return await ReadAsync(db, cancellationToken);
    }
}

/// <summary>
/// Runs plain statements on a context's connection but outside EF Core's command pipeline: what background pollers ask
/// many times a second stays out of the statement counts and logs that tests and the benchmark read. Identifiers are
/// quoted the same on SQLite, PostgreSQL and SQL Server, so the statements are portable.
/// </summary>
public static class PlainStatements
{
    /// <summary>Opens the connection through EF Core, so its connection set-up runs (SQLite's pragmas), then runs the plain command.</summary>
    public static async Task<T> RunAsync<T>(SummitDbContext db, string sql, Func<DbCommand, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        await db.Database.OpenConnectionAsync();
        try
        {
            // SQLite's own connection type makes a plain command: the one DbConnection.CreateCommand makes there is
            // EF Core's, which counts itself (StatementCachingConnection).
            var connection = db.Database.GetDbConnection();
            await using DbCommand command = connection is SqliteConnection sqlite ? sqlite.CreateCommand() : connection.CreateCommand();
            command.CommandText = sql;
            // Inside the context's transaction when it has one (SQLite and SQL Server refuse a command outside it).
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether <paramref name="countSql"/> (a <c>SELECT COUNT(*)</c>) counts any row.</summary>
    public static Task<bool> AnyAsync(SummitDbContext db, string countSql, CancellationToken cancellationToken) =>
        RunAsync(db, countSql, async command => Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0);
}
