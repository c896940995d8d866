using System.Security.Claims;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;
using Summit.Graph.Limits;

namespace Summit.Graph.Http;

/// <summary>
/// A request made ready to run: its document and chosen operation, or the error that answers it.
/// <see cref="Malformed"/> marks requests HTTP answers with 400 whatever the media type (no document, or no
/// operation to run); parse errors and persisted-query misses are answered like validation errors, as the
/// GraphQL-over-HTTP spec and Apollo's clients expect. <see cref="Name"/> is the chosen operation's, for the request log;
/// <see cref="Validated"/> marks a document that passed the specification's rules before (<see cref="ValidatedDocuments"/>).
/// </summary>
public sealed record PreparedOperation(GraphQLRequest Request, string? Query, GraphQLDocument? Document, OperationType Type, ExecutionError? Error, bool Malformed = false, string? Name = null, bool Validated = false)
{
    public static PreparedOperation Failed(GraphQLRequest request, ExecutionError error) => new(request, null, null, OperationType.Query, error);

    public static PreparedOperation BadRequest(GraphQLRequest request, string message) => new(request, null, null, OperationType.Query, new ExecutionError(message), Malformed: true);
}

/// <summary>
/// What every transport (HTTP, SSE, WebSocket) does with a request: find its document (text, trusted
/// document or persisted query), parse it (or take it from <see cref="ValidatedDocuments"/>), pick the operation,
/// and execute it for a user.
/// </summary>
public sealed partial class GraphQLOperations(
    IDocumentExecuter<ISchema> executer,
    PersistedDocuments documents,
    ValidatedDocuments validatedDocuments,
    IOptions<OperationLimitOptions> limits,
    IOptions<GraphQLHttpOptions> httpOptions,
    ILogger<GraphQLOperations> logger)
{
    private static readonly IValidationRule[] NoStandardRules = [];
    private static readonly GraphQLDocumentBuilder DocumentBuilder = new() { MaxDepth = 128 };

    public PreparedOperation Prepare(GraphQLRequest request)
    {
        var (query, error) = documents.Resolve(request);
        if (error is not null)
        {
            return PreparedOperation.Failed(request, error);
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return PreparedOperation.BadRequest(request, "The request has no 'query'.");
        }

        if (validatedDocuments.TryGet(query, request.OperationName, out var validated) && validated is not null)
        {
            return Choose(request, query, validated, isValidated: true);
        }

        GraphQLDocument document;
        try
        {
            document = DocumentBuilder.Build(query);
        }
        catch (SyntaxError exception)
        {
            // Like validation errors: 400 for application/graphql-response+json, 200 for application/json.
            return PreparedOperation.Failed(request, new ExecutionError($"The query is not valid GraphQL: {exception.Message}"));
        }
        catch (GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            // The parser's own guard against stack exhaustion; uncaught it was a 500.
            return PreparedOperation.Failed(request, new ExecutionError($"The query is not valid GraphQL: it nests deeper than {DocumentBuilder.MaxDepth} levels."));
        }

        return Choose(request, query, document, isValidated: false);
    }

    private static PreparedOperation Choose(GraphQLRequest request, string query, GraphQLDocument document, bool isValidated)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return operation is null
            ? PreparedOperation.BadRequest(request, request.OperationName is null
                ? "The document holds several operations; name one with 'operationName'."
                : $"The document has no operation named '{request.OperationName}'.")
            : new PreparedOperation(request, query, document, operation.Operation, null, Name: operation.Name?.StringValue, Validated: isValidated);
    }

    /// <summary>
    /// Runs a prepared operation; for a subscription the result holds its event stream. Queries and mutations
    /// are cancelled, database work included, after <c>GraphQL:Limits:TimeoutSeconds</c>; a mutation cancelled
    /// before its commit leaves nothing behind.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(PreparedOperation operation, ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        services.GetRequiredService<ContentAccess>().IncludeDrafts = user.CanReadDrafts();
        var request = operation.Request;
        var timeout = TimeSpan.FromSeconds(limits.Value.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A subscription's token lives as long as its stream; only the work of one answer has a deadline.
        if (operation.Type != OperationType.Subscription)
        {
            deadline.CancelAfter(timeout);
        }

        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = operation.Query,
                Document = operation.Document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                // Null: the standard rules and ours; a validated document gets ours only (they are appended to this list).
                ValidationRules = operation.Validated ? NoStandardRules : null,
                RequestServices = services,
                User = user,
                CancellationToken = deadline.Token,
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // It started executing, so (per GraphQL over HTTP) data is null and the status 200.
            result = new ExecutionResult
            {
                Executed = true,
                Errors = [new ExecutionError(FormattableString.Invariant($"The operation ran longer than {timeout.TotalSeconds:0.###} s and was cancelled (GraphQL:Limits:TimeoutSeconds).")) { Code = LimitCodes.Timeout }],
            };
        }

        if (result.Executed && !operation.Validated && operation is { Query: { } query, Document: { } document })
        {
            validatedDocuments.Remember(query, request.OperationName, document);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var level = LogLevelOf(operation.Type, result, elapsed);
        if (logger.IsEnabled(level))
        {
            var errorCodes = result.Errors is { Count: > 0 } errors ? string.Join(',', errors.Select(e => e.Code ?? "ERROR").Distinct()) : "none";
            LogExecuted(logger, level, operation.Type, operation.Name ?? "(anonymous)", elapsed, SqlStatementCounter.CurrentCount, errorCodes);
        }

        return result;
    }

    /// <summary>
    /// Slow operations are warnings; edits and failures are information, an audit trail at the default level;
    /// successful reads, hundreds a second, are debug (at information the console logger's queue and lock cost
    /// the read path a tenth of its CPU).
    /// </summary>
    private LogLevel LogLevelOf(OperationType type, ExecutionResult result, double elapsedMilliseconds) =>
        elapsedMilliseconds >= httpOptions.Value.SlowOperationMilliseconds ? LogLevel.Warning
        : type == OperationType.Mutation || result.Errors is { Count: > 0 } ? LogLevel.Information
        : LogLevel.Debug;

    public static ExecutionResult ErrorResult(ExecutionError error) => new() { Errors = [error] };

    /// <summary>
    /// One entry per operation. Operation names and error codes only: never variables, query text, keys or
    /// user names, which may hold secrets or personal data.
    /// </summary>
    [LoggerMessage(Message = "GraphQL {OperationType} {OperationName} finished in {ElapsedMs:F1} ms with {SqlStatements} SQL statements; errors: {ErrorCodes}")]
    private static partial void LogExecuted(ILogger logger, LogLevel level, OperationType operationType, string operationName, double elapsedMs, int sqlStatements, string errorCodes);
}
