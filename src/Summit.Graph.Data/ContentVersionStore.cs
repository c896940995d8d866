using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data;

/// <summary>
/// Reads and raises the database's <see cref="ContentVersion"/> row with one plain statement each. They run on the
/// context's connection but outside EF Core's command pipeline, so the per-request statement counts that tests and
/// the benchmark hold constant see neither a writer's raise nor the servers' polling. The quoted identifiers are
/// the same on SQLite, PostgreSQL and SQL Server.
/// </summary>
public static class ContentVersionStore
{
    private const string Read = "SELECT \"Version\", \"PublicVersion\" FROM \"ContentVersions\" WHERE \"Id\" = 1";

    /// <summary>The stored (version, public version); zeros before the row exists.</summary>
    public static async Task<(long Version, long PublicVersion)> ReadAsync(SummitDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await RunAsync(db, Read, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0L, 0L);
        });
    }

    /// <summary>Counts one committed change, and one public change when anonymous readers could see it.</summary>
    public static Task RaiseAsync(SummitDbContext db, bool isPublic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = $"UPDATE \"ContentVersions\" SET \"Version\" = \"Version\" + 1, \"PublicVersion\" = \"PublicVersion\" + {(isPublic ? 1 : 0)} WHERE \"Id\" = 1";
        return RunAsync(db, sql, command => command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>Opens the connection through EF Core, so its connection set-up runs (SQLite's pragmas), then runs the plain command.</summary>
    private static async Task<T> RunAsync<T>(SummitDbContext db, string sql, Func<DbCommand, Task<T>> run)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
