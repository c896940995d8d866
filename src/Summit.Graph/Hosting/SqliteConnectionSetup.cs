using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Summit.Graph.Hosting;

/// <summary>
/// Makes SQLite match the server databases: <c>lower()</c> folds all of Unicode (SQLite's own folds ASCII
/// only), <c>LIKE</c> is case-sensitive as HotChocolate's <c>startsWith</c> expects, and WAL journaling
/// lets readers run while an editor writes.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Setup(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Setup(connection);
        return Task.CompletedTask;
    }

    private static void Setup(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        sqlite.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA case_sensitive_like = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
    }
}
