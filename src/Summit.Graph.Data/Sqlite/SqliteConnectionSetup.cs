using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;
using Summit.Graph.Data.Search;

namespace Summit.Graph.Data.Sqlite;

/// <summary>
/// Makes SQLite match the server databases: <c>lower()</c> folds all of Unicode (SQLite's own folds ASCII
/// only), <c>LIKE</c> is case-sensitive as HotChocolate's <c>startsWith</c> expects, and WAL journaling
/// lets readers run while an editor writes. The query planner gets table statistics (<c>PRAGMA optimize</c>,
/// as SQLite advises for long-lived connections, and again after an import): without them it chose to scan
/// and sort every session of a 2,000-session database for a page ordered by start time (530 µs) instead of
/// reading the start-time index (28 µs). Connections are <see cref="StatementCachingConnection"/>s.
/// </summary>
/// <remarks>
/// The settings and the functions (<c>lower()</c>, and the search's <c>summit_name_is_near()</c>) live on the SQLite
/// handle, so they are applied once per handle. The functions are registered on the handle directly because <see cref="SqliteConnection.CreateFunction{T1, TResult}(string, Func{T1, TResult}, bool)"/>
/// would register them again on every open and remove them on every close.
/// </remarks>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];
    private static readonly object Marker = new();

    /// <summary>
    /// A plain connection (one that keeps its statements) instead of EF Core's: EF Core adds a dozen helper
    /// functions to every connection it creates (decimal arithmetic, aggregates and collation, <c>REGEXP</c>),
    /// and Microsoft.Data.Sqlite registers them all on every open and removes them on every close: about 25
    /// native calls and a dozen finalizable handles per query. The model has no decimal columns and no query uses regular expressions,
    /// so nothing calls them (a test keeps the model decimal-free).
    /// </summary>
    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        eventData.Context?.Database.IsSqlite() == true && eventData.ConnectionString is { } connectionString
            ? InterceptionResult<DbConnection>.SuppressWithResult(new StatementCachingConnection(connectionString))
            : result;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Setup(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Setup(connection);
        return Task.CompletedTask;
    }

    private static void Setup(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Prepared.TryGetValue(handle, out _))
        {
            return;
        }

        Register(handle, "lower", 1, Lower);
        Register(handle, "summit_name_is_near", 2, NameIsNear);

        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA case_sensitive_like = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA optimize = 0x10002;";
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, Marker);
    }

    /// <summary>Brings the planner's statistics up to date after many rows changed (an import).</summary>
    public static async Task OptimizeAsync(SummitDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        }
    }

    private static void Register(sqlite3 handle, string name, int arguments, delegate_function_scalar function)
    {
        var result = raw.sqlite3_create_function(handle, name, arguments, raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC, null, function);
        if (result != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite refused the {name}() function ({result}).");
        }
    }

    /// <summary>The search's typo match over names (<see cref="SearchTerms.NameIsNear"/>): 1 or 0; NULL arguments never match.</summary>
    private static void NameIsNear(sqlite3_context context, object userData, sqlite3_value[] arguments)
    {
        if (raw.sqlite3_value_type(arguments[0]) == raw.SQLITE_NULL || raw.sqlite3_value_type(arguments[1]) == raw.SQLITE_NULL)
        {
            raw.sqlite3_result_int(context, 0);
            return;
        }

        var near = SearchTerms.NameIsNear(raw.sqlite3_value_text(arguments[0]).utf8_to_string(), raw.sqlite3_value_text(arguments[1]).utf8_to_string());
        raw.sqlite3_result_int(context, near ? 1 : 0);
    }

    private static void Lower(sqlite3_context context, object userData, sqlite3_value[] arguments)
    {
        if (raw.sqlite3_value_type(arguments[0]) == raw.SQLITE_NULL)
        {
            raw.sqlite3_result_null(context);
            return;
        }

        raw.sqlite3_result_text(context, raw.sqlite3_value_text(arguments[0]).utf8_to_string().ToLowerInvariant());
    }
}
