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
using RequestQueries = Summit.Graph.GraphQL.Common.ResolveFieldContextExtensions;
using Summit.Graph.Data;
using Summit.Graph.Hosting;
using Summit.Graph.Limits;
using Summit.Graph.Telemetry;

namespace Summit.Graph.Http;

/// <summary>
/// A request made ready to run: its document and chosen operation, or the error that answers it.
/// <see cref="Malformed"/> marks requests HTTP answers with 400 whatever the media type (no document, or no
/// operation to run); parse errors and persisted-query misses are answered like validation errors, as the
/// GraphQL-over-HTTP spec and Apollo's clients expect. <see cref="Name"/> is the chosen operation's, for the request log;
/// <see cref="Validated"/> marks a document that passed the specification's rules before (<see cref="ValidatedDocuments"/>);
/// <see cref="DocumentBytes"/> is what parsing a new document allocated, its syntax tree's size for that cache;
/// <see cref="WarmUp"/> marks a run of <see cref="StartupWarmUp"/>: no client's request, so not in the request log (which would
/// call its cold, slow first runs warnings).
/// </summary>
public sealed record PreparedOperation(GraphQLRequest Request, string? Query, GraphQLDocument? Document, OperationType Type, ExecutionError? Error, bool Malformed = false, string? Name = null, bool Validated = false, long DocumentBytes = 0, bool WarmUp = false)
{
    public static PreparedOperation Failed(GraphQLRequest request, ExecutionError error) => new(request, null, null, OperationType.Query, error);

    public static PreparedOperation BadRequest(GraphQLRequest request, string code, string message) => new(request, null, null, OperationType.Query, RequestErrors.Create(code, message), Malformed: true);
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
    ClientRateLimits rateLimits,
    ILogger<GraphQLOperations> logger)
{
    private static readonly IValidationRule[] NoStandardRules = [];

    /// <summary>The specification's rules for a new document, behind the budget that stops them after too many errors.</summary>
    private readonly IValidationRule[] newDocumentRules = [new ValidationErrorBudget(limits.Value.MaxErrors), .. DocumentValidator.CoreRules];
    private static readonly GraphQLDocumentBuilder DocumentBuilder = new() { MaxDepth = 128 };

    /// <summary>
    /// Finds, bounds and parses the request's document. <paramref name="user"/> and <paramref name="http"/> (null
    /// over WebSocket) identify the client whose expensive-query rate a large new document counts against.
    /// </summary>
    public PreparedOperation Prepare(GraphQLRequest request, ClaimsPrincipal? user = null, HttpContext? http = null)
    {
        var (query, error) = documents.Resolve(request);
        if (error is not null)
        {
            return PreparedOperation.Failed(request, error);
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return PreparedOperation.BadRequest(request, RequestErrors.NoDocument, "The request has no 'query'.");
        }

        if (validatedDocuments.TryGet(query, request.OperationName, out var validated) && validated is not null)
        {
            return Choose(request, query, validated, isValidated: true);
        }

        GraphQLDocument document;
        long documentBytes;
        try
        {
            if (RefuseBeforeParsing(request, query, user, http) is { } refused)
            {
                return refused;
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            document = DocumentBuilder.Build(query);
            documentBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        }
        catch (SyntaxError exception)
        {
            // Like validation errors: 400 for application/graphql-response+json, 200 for application/json.
            return PreparedOperation.Failed(request, RequestErrors.Create(RequestErrors.Syntax, $"The query is not valid GraphQL: {exception.Message}"));
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException exception)
        {
            return PreparedOperation.Failed(request, RequestErrors.Create(RequestErrors.Syntax, $"The query is not valid GraphQL: {exception.Message}"));
        }
        catch (GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            // The parser's own guard against stack exhaustion; uncaught it was a 500.
            return PreparedOperation.Failed(request, RequestErrors.Create(RequestErrors.Syntax, $"The query is not valid GraphQL: it nests deeper than {DocumentBuilder.MaxDepth} levels."));
        }

        if (RefuseByShape(request, DocumentShape.Measure(document)) is { } outOfShape)
        {
            return outOfShape;
        }

        return Choose(request, query, document, isValidated: false) with { DocumentBytes = documentBytes };
    }

    /// <summary>
    /// The bounds that hold before a document is parsed: its token count, and for an anonymous client the
    /// expensive-query rate when the document is large (parsing and validating it is the expensive part).
    /// </summary>
    private PreparedOperation? RefuseBeforeParsing(GraphQLRequest request, string query, ClaimsPrincipal? user, HttpContext? http)
    {
        var options = limits.Value;
        if (query.Length > options.MaxDocumentLength)
        {
            return PreparedOperation.Failed(request, JsonBounds.DocumentTooLong(options));
        }

        var (tokens, longestString) = DocumentTokens.Measure(query, options.MaxTokens);
        if (tokens > options.MaxTokens)
        {
            return PreparedOperation.Failed(request, new LimitError(LimitCodes.Tokens, FormattableString.Invariant(
                $"The document holds more than {options.MaxTokens:N0} tokens (GraphQL:Limits:MaxTokens); it was not parsed.")));
        }

        // Quotes and escapes are counted too, so a literal a little under the limit may be refused; none comes close.
        if (longestString > options.MaxInputStringLength + 2)
        {
            return PreparedOperation.Failed(request, new LimitError(LimitCodes.InputStringLength, FormattableString.Invariant(
                $"A string in the document holds more than {options.MaxInputStringLength:N0} characters; at most {options.MaxInputStringLength:N0} are allowed (GraphQL:Limits:MaxInputStringLength).")));
        }

        return tokens > options.ExpensiveTokens && rateLimits.TryAcquire(OperationType.Query, double.PositiveInfinity, user, http) is { } limited
            ? PreparedOperation.Failed(request, limited)
            : null;
    }

    /// <summary>The bounds of a parsed document that hold before it is validated (<see cref="DocumentShape"/>).</summary>
    private PreparedOperation? RefuseByShape(GraphQLRequest request, DocumentShape shape)
    {
        var options = limits.Value;
        var (code, message) = shape switch
        {
            { FragmentSpreads: var spreads } when spreads > options.MaxFragmentSpreads => (LimitCodes.FragmentSpreads, FormattableString.Invariant(
                $"The document holds {spreads:N0} fragment spreads; at most {options.MaxFragmentSpreads:N0} are allowed (GraphQL:Limits:MaxFragmentSpreads).")),
            { MostFieldRepeats: var repeats } when repeats > options.MaxFieldRepeats => (LimitCodes.FieldRepeats, FormattableString.Invariant(
                $"A selection set asks {repeats:N0} fields under the same name; at most {options.MaxFieldRepeats:N0} are allowed (GraphQL:Limits:MaxFieldRepeats). Give them aliases.")),
            { IntrospectionSelections: var introspection } when introspection > options.MaxIntrospectionSelections => (LimitCodes.Introspection, FormattableString.Invariant(
                $"The document selects __schema or __type {introspection:N0} times; at most {options.MaxIntrospectionSelections:N0} are allowed (GraphQL:Limits:MaxIntrospectionSelections).")),
            _ => (null, null),
        };
        return code is null ? null : PreparedOperation.Failed(request, new LimitError(code, message!));
    }

    private static PreparedOperation Choose(GraphQLRequest request, string query, GraphQLDocument document, bool isValidated)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return operation is null
            ? PreparedOperation.BadRequest(request, RequestErrors.OperationNotFound, request.OperationName is null
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
        var activity = operation.WarmUp ? null : GraphQLTelemetry.Start(operation.Type, operation.Name);
        var request = operation.Request;
        var timeout = TimeSpan.FromSeconds(limits.Value.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A subscription's token lives as long as its stream; only the work of one answer has a deadline.
        if (operation.Type != OperationType.Subscription)
        {
            deadline.CancelAfter(timeout);
        }

        // Each operation gets its own scope (batch loaders, database context, access), so the items of a batch
        // and the operations of one WebSocket behave exactly as if each had been sent alone. A subscription's
        // events get a scope each from the subscription strategy instead.
        await using var scope = operation.Type == OperationType.Subscription ? default(AsyncServiceScope?) : services.CreateAsyncScope();
        services = scope?.ServiceProvider ?? services;
        services.GetRequiredService<ContentAccess>().IncludeDrafts = user.CanReadDrafts();
        ExecutionResult result;
        var userContext = new Dictionary<string, object?>();
        if (scope is not null)
        {
            RequestQueries.KeepQueries(userContext, services);
        }

        try
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = operation.Query,
                Document = operation.Document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                // Ours are appended to this list: a validated document gets ours only, a new one the standard rules too.
                ValidationRules = operation.Validated ? NoStandardRules : newDocumentRules,
                RequestServices = services,
                UserContext = userContext,
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

        CostReport.AddTo(result, userContext);
        CapErrors(result);
        if (result.Executed && !operation.Validated && operation is { Query: { } query, Document: { } document })
        {
            validatedDocuments.Remember(query, request.OperationName, document, operation.DocumentBytes);
        }

        if (operation.WarmUp)
        {
            // The start-up warm-up is no client's operation: it stays out of the log and the metrics.
            return result;
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        IReadOnlyCollection<string> errorCodes = result.Errors is { Count: > 0 } errors ? [.. errors.Select(e => e.Code ?? "ERROR").Distinct()] : [];
        GraphQLTelemetry.Finish(activity, operation.Type, operation.Name, elapsed,
            userContext.TryGetValue(CostReport.MeasuredKey, out var cost) ? cost as double? : null, errorCodes);
        var level = LogLevelOf(operation.Type, result, elapsed.TotalMilliseconds);
        if (logger.IsEnabled(level))
        {
            LogExecuted(logger, level, operation.Type, operation.Name ?? "(anonymous)", elapsed.TotalMilliseconds, SqlStatementCounter.CurrentCount,
                errorCodes.Count == 0 ? "none" : string.Join(',', errorCodes));
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
    /// Keeps the first <c>GraphQL:Limits:MaxErrors</c> errors and sums up the rest in one more: validation reports
    /// an error per offending node, and 20,000 of them made a 4.6 MB answer. Validation itself stops at that many
    /// (<see cref="ValidationErrorBudget"/>); execution errors, one per failing field, are cut here.
    /// </summary>
    private void CapErrors(ExecutionResult result)
    {
        var max = Math.Max(1, limits.Value.MaxErrors);
        if (result.Errors?.OfType<ValidationStoppedError>().FirstOrDefault() is { } stopped)
        {
            result.Errors = [.. stopped.Reported.Take(max), stopped];
            return;
        }

        if (result.Errors is not { } errors || errors.Count <= max)
        {
            return;
        }

        var kept = new ExecutionErrors();
        kept.AddRange(errors.Take(max));
        kept.Add(new LimitError(LimitCodes.Errors, FormattableString.Invariant(
            $"{errors.Count - max:N0} more errors were not reported (GraphQL:Limits:MaxErrors is {max:N0}).")));
        result.Errors = kept;
    }

    /// <summary>
    /// One entry per operation. Operation names and error codes only: never variables, query text, keys or
    /// user names, which may hold secrets or personal data.
    /// </summary>
    [LoggerMessage(Message = "GraphQL {OperationType} {OperationName} finished in {ElapsedMs:F1} ms with {SqlStatements} SQL statements; errors: {ErrorCodes}")]
    private static partial void LogExecuted(ILogger logger, LogLevel level, OperationType operationType, string operationName, double elapsedMs, int sqlStatements, string errorCodes);
}
