using Microsoft.EntityFrameworkCore;

namespace Summit.Graph.Data;

/// <summary>
/// Lets one transaction that changes content run at a time, across every instance on the same database. Many rules span
/// rows and are checked by reading them (no two slots of a track overlap, a slot lies inside its day, a removed day or
/// slot holds nothing added meanwhile, a deleted person presents no session, positions follow each other); under
/// PostgreSQL's and SQL Server's default isolation (read committed) two transactions that each pass the check could
/// both commit and break the rule together. Edits are few, so they wait for each other instead.
/// </summary>
/// <remarks>
/// Taken first in the transaction and held to its end: <c>pg_advisory_xact_lock</c> on PostgreSQL,
/// <c>sp_getapplock</c> with the transaction as owner on SQL Server. SQLite needs nothing: Microsoft.Data.Sqlite begins
/// every transaction with <c>BEGIN IMMEDIATE</c>, which already admits one writer at a time.
/// </remarks>
public static class ContentWriteLock
{
    /// <summary>PostgreSQL's statement; the key is an arbitrary 64-bit number ("SUMMITGR" in ASCII).</summary>
    private const string PostgreSqlStatement = "SELECT pg_advisory_xact_lock(6004790672506505042)";

    /// <summary>SQL Server's statement; a result below 0 (not granted) fails it rather than going on without the lock.</summary>
    private const string SqlServerStatement = """
        DECLARE @granted int;
        EXEC @granted = sp_getapplock @Resource = N'Summit.Graph.Content', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1;
        IF @granted < 0 THROW 50000, N'The content write lock was not granted.', 1;
        """;

    /// <summary>Waits for the lock inside <paramref name="db"/>'s current transaction; it is released when that ends.</summary>
    /// <exception cref="InvalidOperationException">There is no current transaction.</exception>
    public static async Task AcquireAsync(SummitDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The content write lock is held by a transaction: begin one first.");
        }

        switch (db.Database.ProviderName)
        {
            case "Npgsql.EntityFrameworkCore.PostgreSQL":
                await db.Database.ExecuteSqlRawAsync(PostgreSqlStatement, cancellationToken);
                break;
            case "Microsoft.EntityFrameworkCore.SqlServer":
                await db.Database.ExecuteSqlRawAsync(SqlServerStatement, cancellationToken);
                break;
        }
    }
}
