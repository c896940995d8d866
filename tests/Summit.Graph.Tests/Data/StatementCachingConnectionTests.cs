using System.Data.Common;
using Microsoft.Data.Sqlite;
using Summit.Graph.Data.Sqlite;
using Summit.Graph.Data;

namespace Summit.Graph.Tests.Data;

public sealed class StatementCachingConnectionTests : IDisposable
{
    private const string Select = "SELECT value * 2 FROM numbers WHERE value >= @from ORDER BY value";
    private readonly StatementCachingConnection connection = new("Data Source=:memory:");

    public StatementCachingConnectionTests()
    {
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = "CREATE TABLE numbers (value INTEGER); INSERT INTO numbers VALUES (1), (2), (3);";
        setup.ExecuteNonQuery();
    }

    [Fact]
    public void TheSameSqlRunsOnOneCompiledCommandWithEachExecutionsParameters()
    {
        Assert.Equal([2, 4, 6], Run(Select, 1));
        Assert.Equal([6], Run(Select, 3));
        Assert.Equal([4, 6], Run(Select, 2));

        Assert.Equal(1, connection.CachedCount);
    }

    /// <summary>
    /// SQLite runs without an EF Core command interceptor: the commands EF Core creates count every statement of the
    /// request, in every form of execution, and keep only readers outside a transaction; the provider's own
    /// transaction statements are neither counted nor kept.
    /// </summary>
    [Fact]
    public async Task ItsCommandsCountEveryStatementAndKeepOnlyReadersOutsideATransaction()
    {
        var counted = SqlStatementCounter.Begin();
        using (var reader = Command(Select, 1).ExecuteReader())
        {
            Assert.True(reader.Read());
        }

        using (var reader = await Command(Select, 2).ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
        }

        const string Insert = "INSERT INTO numbers VALUES (4)";
        const string Count = "SELECT count(*) FROM numbers";
        Assert.Equal(1, Command(Insert).ExecuteNonQuery());
        Assert.Equal(1, await Command(Insert).ExecuteNonQueryAsync());
        Assert.Equal(5L, Command(Count).ExecuteScalar());
        Assert.Equal(5L, await Command(Count).ExecuteScalarAsync());
        using (var transaction = connection.BeginTransaction())
        {
            var inTransaction = Command("SELECT value FROM numbers WHERE value >= @from ORDER BY value", 5);
            inTransaction.Transaction = transaction;
            using var reader = inTransaction.ExecuteReader();
            Assert.False(reader.Read());
        }

        Assert.Equal(7, counted.Count);
        Assert.True(connection.Holds(Select));
        Assert.False(connection.Holds(Insert));
        Assert.False(connection.Holds(Count));
        Assert.False(connection.Holds("SELECT value FROM numbers WHERE value >= @from ORDER BY value"));
    }

    [Fact]
    public void BeyondTheCapacityTheLeastRecentlyUsedStatementIsDropped()
    {
        Run(Select, 1);
        var others = Enumerable.Range(0, StatementCachingConnection.Capacity).Select(i => $"SELECT value + {i} FROM numbers WHERE value >= @from").ToList();
        foreach (var sql in others.Take(StatementCachingConnection.Capacity - 1))
        {
            Run(sql, 1);
        }

        Run(Select, 2);
        Run(others[^1], 1);

        Assert.Equal(StatementCachingConnection.Capacity, connection.CachedCount);
        Assert.True(connection.Holds(Select), "The statement used a moment ago was dropped.");
        Assert.False(connection.Holds(others[0]));
        Assert.Equal([1, 2, 3], Run(others[0], 1));
    }

    [Fact]
    public void TheSameSqlWhileItsReaderIsOpenFailsWithoutDisturbingThatReader()
    {
        using var first = connection.CreateCommand();
        first.CommandText = Select;
        first.Parameters.AddWithValue("@from", 1);
        using var open = connection.ExecuteReader(first);
        Assert.True(open.Read());

        Assert.Throws<InvalidOperationException>(() => Run(Select, 2));

        Assert.Equal(2, open.GetInt64(0));
        Assert.True(open.Read());
        Assert.Equal(4, open.GetInt64(0));
    }

    [Fact]
    public void ClosingWithoutATransactionKeepsTheConnectionAndItsStatements()
    {
        Run(Select, 1);

        connection.Close();

        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.True(connection.Holds(Select));
        Assert.Equal([6], Run(Select, 3));
    }

    [Fact]
    public void ClosingWithAPendingTransactionRollsItBackAndEmptiesTheCache()
    {
        Run(Select, 1);
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO numbers VALUES (4)";
            insert.ExecuteNonQuery();

            connection.Close();
        }

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Equal(0, connection.CachedCount);
    }

    [Fact]
    public void StatementsCompiledBeforeAFullCloseAreNotUsedAfterReopening()
    {
        using var file = new TemporaryDatabase();
        using var reopened = new StatementCachingConnection(file.ConnectionString);
        reopened.Open();
        Execute(reopened, "CREATE TABLE numbers (value INTEGER); INSERT INTO numbers VALUES (1), (2), (3);");
        Assert.Equal([2, 4, 6], Run(reopened, Select, 1));
        using (reopened.BeginTransaction())
        {
            reopened.Close();
        }

        reopened.Open();

        Assert.Equal([4, 6], Run(reopened, Select, 2));
    }

    public void Dispose() => connection.Dispose();

    private List<long> Run(string sql, long from) => Run(connection, sql, from);

    /// <summary>A command as EF Core makes one (<see cref="DbConnection.CreateCommand"/>), run through its own methods.</summary>
    private DbCommand Command(string sql, long? from = null)
    {
        var command = ((DbConnection)connection).CreateCommand();
        command.CommandText = sql;
        if (from is { } value)
        {
            command.Parameters.Add(new SqliteParameter("@from", value));
        }

        return command;
    }

    private static List<long> Run(StatementCachingConnection connection, string sql, long from)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@from", from);
        using var reader = connection.ExecuteReader(command);
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class TemporaryDatabase : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"summit-statements-{Guid.NewGuid():N}.db");

        public string ConnectionString => $"Data Source={path};Pooling=False";

        public void Dispose() => File.Delete(path);
    }
}
