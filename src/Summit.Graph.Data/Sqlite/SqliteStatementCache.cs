using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Summit.Graph.Data.Sqlite;

/// <summary>
/// Runs EF Core's queries on SQLite through <see cref="StatementCachingConnection"/>'s compiled commands.
/// Commands inside a transaction (the writes of a mutation) run as EF Core created them.
/// </summary>
public sealed class SqliteStatementCache : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        !result.HasResult && command is SqliteCommand { Transaction: null, Connection: StatementCachingConnection connection } sqlite
            ? InterceptionResult<DbDataReader>.SuppressWithResult(connection.ExecuteReader(sqlite))
            : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }
}
