using System.Data.Common;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Data.Sqlite;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// The one mapping of database failures that escape a resolver. A database that cannot be reached (down,
/// restarting, refusing connections, timing out, locked by another writer) becomes <c>DATABASE_UNAVAILABLE</c>: the field is
/// null, the response a 200 with that error as the GraphQL-over-HTTP spec wants for executed requests, and
/// the client may retry. Any other database error becomes <c>DATABASE_ERROR</c> and is logged as an error.
/// Neither message reveals the database's own text.
/// </summary>
public static partial class DatabaseErrors
{
    public const string UnavailableCode = "DATABASE_UNAVAILABLE";
    public const string ErrorCode = "DATABASE_ERROR";
    public const string UnavailableMessage = "The database is unavailable; try again shortly.";

    public static void Map(UnhandledExceptionContext context)
    {
        var logger = context.Context?.RequestServices?.GetService<ILogger<ExecutionError>>();
        if (IsUnavailable(context.OriginalException))
        {
            if (logger is not null)
            {
                LogUnavailable(logger, context.FieldContext?.FieldDefinition.Name ?? "(request)", context.OriginalException.GetBaseException().Message);
            }

            context.Exception = new ExecutionError(UnavailableMessage) { Code = UnavailableCode };
        }
        else if (Find<DbException>(context.OriginalException) is not null)
        {
            if (logger is not null)
            {
                LogFailed(logger, context.FieldContext?.FieldDefinition.Name ?? "(request)", context.OriginalException);
            }

            context.Exception = new ExecutionError("The database could not carry out the operation.") { Code = ErrorCode };
        }
    }

    /// <summary>
    /// True when the exception (or one it wraps) says the database cannot serve the request right now: a transient
    /// failure as the provider tells it (Npgsql's <see cref="DbException.IsTransient"/>, EF Core's list of SQL Server's
    /// transient error numbers), an SQLite database another writer holds locked past the command timeout
    /// (<c>SQLITE_BUSY</c>, <c>SQLITE_LOCKED</c>; Microsoft.Data.Sqlite marks neither transient), or a database error
    /// caused by the network (a socket error, a timeout, a broken stream).
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        Find<DbException>(exception) is { } database
        && (database.IsTransient
            || database is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }
#pragma warning disable EF1001 // EF Core's own list of SQL Server's transient errors, which its retrying strategy uses: better kept there than copied.
            || Microsoft.EntityFrameworkCore.SqlServer.Storage.Internal.SqlServerTransientExceptionDetector.ShouldRetryOn(database)
#pragma warning restore EF1001
            || Find<System.Net.Sockets.SocketException>(exception) is not null || Find<TimeoutException>(exception) is not null || Find<IOException>(exception) is not null);

    /// <summary>True when the exception (or one it wraps) comes from the database.</summary>
    public static bool IsDatabaseFailure(Exception exception) => Find<DbException>(exception) is not null;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable while resolving {Field}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string field, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A database error escaped the resolver of {Field}")]
    private static partial void LogFailed(ILogger logger, string field, Exception exception);
}
