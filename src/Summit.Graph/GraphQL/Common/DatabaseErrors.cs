using System.Data.Common;
using GraphQL;
using GraphQL.Execution;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// The one mapping of database failures that escape a resolver. A database that cannot be reached (down,
/// restarting, refusing connections, timing out, busy) becomes <c>DATABASE_UNAVAILABLE</c>: the field is
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

    /// <summary>True when the exception (or one it wraps) says the database cannot be reached right now.</summary>
    public static bool IsUnavailable(Exception exception) =>
        Find<DbException>(exception) is { IsTransient: true }
        || (Find<DbException>(exception) is not null && (Find<System.Net.Sockets.SocketException>(exception) is not null || Find<TimeoutException>(exception) is not null || Find<IOException>(exception) is not null));

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
