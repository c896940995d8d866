using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Summit.Graph.Data;

/// <summary>
/// Counts the SQL statements each request sends, for request logs, the benchmark and the tests that hold
/// the statement count per request constant. As an EF Core interceptor it counts on the server databases; SQLite's
/// <see cref="Sqlite.StatementCachingConnection"/> counts its own commands, so that SQLite runs with no command
/// interceptor at all (with one, EF Core allocates four event objects around every statement).
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<RequestCount> Current = new();

    /// <summary>Starts counting for the current request (the async flow that calls it).</summary>
    public static RequestCount Begin() => Current.Value = new RequestCount();

    /// <summary>Statements of the current request so far.</summary>
    public static int CurrentCount => Current.Value?.Count ?? 0;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    /// <summary>Counts one statement for the current request, if one is counting.</summary>
    public static void Count()
    {
        Current.Value?.Increment();
    }

    /// <summary>The statements of one request so far (resolvers may run in parallel).</summary>
    public sealed class RequestCount
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        internal void Increment() => Interlocked.Increment(ref count);
    }
}
