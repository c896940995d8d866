using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Summit.Graph.Data.Sqlite;

/// <summary>
/// A SQLite connection that keeps a compiled command per SQL text, the least recently used dropped first
/// beyond <see cref="Capacity"/> (clients can send any number of query shapes). It belongs to one pooled
/// context, used by one request at a time, so it needs no locks. EF Core's commands (<see cref="CreateDbCommand"/>)
/// run on the kept ones outside a transaction, and count themselves (<see cref="SqlStatementCounter"/>).
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles the SQL of every command again: it keeps compiled statements only while a
/// command object lives, and EF Core creates a command per execution (dotnet/efcore#14044). Compiling is most
/// of what a small query costs: 20–110 µs per statement of the schedule, against about 10 µs to run it.
/// </remarks>
public sealed class StatementCachingConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>
    /// Above the few dozen statements of a front end's operations. The schedule's largest statement holds 13 KB
    /// of SQLite memory once compiled, so a full cache stays under a megabyte per connection.
    /// </summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> commands = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> leastRecentFirst = new();

    /// <summary>How many compiled commands the connection holds.</summary>
    public int CachedCount => commands.Count;

    public bool Holds(string sql) => commands.ContainsKey(sql);

    /// <summary>
    /// The commands EF Core creates (through <see cref="DbConnection.CreateCommand"/>) count and keep their statements;
    /// Microsoft.Data.Sqlite's own (<c>BEGIN</c>, <c>COMMIT</c>, made with <see cref="SqliteConnection.CreateCommand"/>)
    /// are not a request's statements, as on the server databases, where EF Core's interceptor does not see them either.
    /// </summary>
    protected override DbCommand CreateDbCommand() => new CachedCommand { Connection = this, CommandTimeout = DefaultTimeout, Transaction = Transaction };

    /// <summary>Runs <paramref name="command"/>'s SQL with its parameters on the compiled command for that SQL.</summary>
    public SqliteDataReader ExecuteReader(SqliteCommand command)
    {
        var cached = CommandFor(command.CommandText);
        cached.Parameters.Clear();
        foreach (SqliteParameter parameter in command.Parameters)
        {
            cached.Parameters.Add(parameter);
        }

        cached.CommandTimeout = command.CommandTimeout;
        try
        {
            return cached.ExecuteReader();
        }
        catch (SqliteException)
        {
            // A statement SQLite failed to run (a busy database, say) is compiled afresh next time. Other
            // failures, such as a reader of the same SQL still open, leave the command to its reader.
            Forget(command.CommandText);
            throw;
        }
    }

    /// <summary>
    /// Stays open unless a transaction is pending (closing rolls it back): a pooled context closes its
    /// connection after every use and opens it again for the next, and closing drops every compiled statement.
    /// The connection really closes when it is disposed, with the context the pool lets go.
    /// </summary>
    public override void Close()
    {
        if (State == ConnectionState.Open && raw.sqlite3_get_autocommit(Handle) != 0)
        {
            return;
        }

        CloseForGood();
    }

    public override Task CloseAsync()
    {
        Close();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseForGood();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Closing disposes every command of the connection, and a disposed command would compile its statements
    /// again without the connection knowing them, so they would outlive the handle: the cache empties first.
    /// </summary>
    private void CloseForGood()
    {
        foreach (var command in leastRecentFirst)
        {
            command.Dispose();
        }

        commands.Clear();
        leastRecentFirst.Clear();
        base.Close();
    }

    private SqliteCommand CommandFor(string sql)
    {
        if (commands.TryGetValue(sql, out var node))
        {
            leastRecentFirst.Remove(node);
            leastRecentFirst.AddLast(node);
            return node.Value;
        }

        if (commands.Count >= Capacity)
        {
            Forget(leastRecentFirst.First!.Value.CommandText);
        }

        var command = CreateCommand();
        command.CommandText = sql;
        commands[sql] = leastRecentFirst.AddLast(command);
        return command;
    }

    private void Forget(string sql)
    {
        if (commands.Remove(sql, out var node))
        {
            leastRecentFirst.Remove(node);
            node.Value.Dispose();
        }
    }

    /// <summary>
    /// Every execution of a SQLite command (reader, scalar, non-query, and their async forms) ends in
    /// <see cref="SqliteCommand.ExecuteReader(CommandBehavior)"/>, so this is where statements are counted. Readers
    /// outside a transaction (EF Core's queries) run on the kept commands; writes, scalars and commands inside a
    /// transaction (a mutation's) run as they were created.
    /// </summary>
    private sealed class CachedCommand : SqliteCommand
    {
        /// <summary>Set while a non-query or scalar runs its reader, which is neither counted again nor kept.</summary>
        private bool direct;

        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            if (direct)
            {
                return base.ExecuteReader(behavior);
            }

            SqlStatementCounter.Count();
            return Transaction is null && Connection is StatementCachingConnection connection
                ? connection.ExecuteReader(this)
                : base.ExecuteReader(behavior);
        }

        public override int ExecuteNonQuery() => Direct(base.ExecuteNonQuery);

        public override object? ExecuteScalar() => Direct(base.ExecuteScalar);

        /// <summary>Counts a non-query or scalar once and runs it on this command, not on a kept one.</summary>
        private T Direct<T>(Func<T> execute)
        {
            SqlStatementCounter.Count();
            direct = true;
            try
            {
                return execute();
            }
            finally
            {
                direct = false;
            }
        }
    }
}
