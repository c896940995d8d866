using Microsoft.Extensions.Options;

namespace Summit.Graph.Hosting;

/// <summary>Section <c>Database</c>: which database, where, and what to do with it at start-up.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded), <c>SqlServer</c> or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// The connection string (else <c>ConnectionStrings:Summit</c>); SQLite defaults to a file in <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the embedded database, relative to the content root; created on first start.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long start-up waits for a database server to accept connections before giving up.</summary>
    public int StartupTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Most database contexts kept for reuse (EF Core's context pooling; its default is 1,024). On SQLite each keeps
    /// its connection open with up to <see cref="Data.Sqlite.StatementCachingConnection.Capacity"/> compiled statements, under a
    /// megabyte, so this bounds that memory too; more concurrent requests get contexts that are not kept.
    /// </summary>
    public int ContextPoolSize { get; set; } = 32;

    /// <summary>
    /// Most entries EF Core's query cache keeps: compiled LINQ queries and the SQL commands made from them (its
    /// default is 1,024). Every distinct shape of filter, order and selection compiles one, about 35 KB for a
    /// filtered page (measured over 300 shapes), so clients choosing shapes could otherwise make the cache hold
    /// tens of megabytes; the front end's operations need a few dozen. It bounds the server's own compiled queries
    /// (<c>GraphQL.Common.CompiledQueries</c>: lookups by slug and nested lists, one per shape) too.
    /// </summary>
    public int CompiledQueryCacheSize { get; set; } = 256;

    /// <summary>Import the bundled 2021 summit when the database holds no edition.</summary>
    public bool SeedWhenEmpty { get; set; } = true;
}

/// <summary>
/// Stops the start, and every command, on a database the server cannot open (<see cref="DatabaseProviders.Problem"/>),
/// with the reason; <paramref name="connectionString"/> resolves the connection string as the context factory does.
/// </summary>
public sealed class DatabaseOptionsValidation(Func<DatabaseOptions, string?> connectionString) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        string? connection;
        try
        {
            connection = connectionString(options);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The embedded database's folder is created on the way: a path that is a file, or not writable.
            return ValidateOptionsResult.Fail($"Database:DataDirectory '{options.DataDirectory}' cannot hold the database: {exception.Message}");
        }

        return DatabaseProviders.Problem(options.Provider, connection) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
