using System.Security.Claims;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
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
/// GraphQL-over-HTTP spec and Apollo's clients expect. <see cref="Name"/> is the chosen operation's, for the request log.
/// </summary>
public sealed record PreparedOperation(GraphQLRequest Request, string? Query, GraphQLDocument? Document, OperationType Type, ExecutionError? Error, bool Malformed = false, string? Name = null)
{
    public static PreparedOperation Failed(GraphQLRequest request, ExecutionError error) => new(request, null, null, OperationType.Query, error);

    public static PreparedOperation BadRequest(GraphQLRequest request, string message) => new(request, null, null, OperationType.Query, new ExecutionError(message), Malformed: true);
}

/// <summary>
/// What every transport (HTTP, SSE, WebSocket) does with a request: find its document (text, trusted
/// document or persisted query), parse it, pick the operation, and execute it for a user.
/// </summary>
public sealed partial class GraphQLOperations(IDocumentExecuter<ISchema> executer, PersistedDocuments documents, IOptions<OperationLimitOptions> limits, ILogger<GraphQLOperations> logger)
{
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

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return operation is null
            ? PreparedOperation.BadRequest(request, request.OperationName is null
                ? "The document holds several operations; name one with 'operationName'."
                : $"The document has no operation named '{request.OperationName}'.")
            : new PreparedOperation(request, query, document, operation.Operation, null, Name: operation.Name?.StringValue);
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

        if (logger.IsEnabled(LogLevel.Information))
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var errorCodes = result.Errors is { Count: > 0 } errors ? string.Join(',', errors.Select(e => e.Code ?? "ERROR").Distinct()) : "none";
            LogExecuted(logger, operation.Type, operation.Name ?? "(anonymous)", elapsed, SqlStatementCounter.CurrentCount, errorCodes);
        }
        return result;
    }

    public static ExecutionResult ErrorResult(ExecutionError error) => new() { Errors = [error] };

    /// <summary>
    /// One entry per operation. Operation names and error codes only: never variables, query text, keys or
    /// user names, which may hold secrets or personal data.
    /// </summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationType} {OperationName} finished in {ElapsedMs:F1} ms with {SqlStatements} SQL statements; errors: {ErrorCodes}")]
    private static partial void LogExecuted(ILogger logger, OperationType operationType, string operationName, double elapsedMs, int sqlStatements, string errorCodes);
}
