using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;

namespace Summit.Graph.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with JSON (single or batched), GET for queries,
/// content negotiation between <c>application/graphql-response+json</c> and <c>application/json</c>, and the
/// status codes the spec asks for. Bad requests get 4xx with a GraphQL error body, never a 500.
/// </summary>
public sealed partial class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLHttpOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";
    private static readonly GraphQLDocumentBuilder DocumentBuilder = new() { MaxDepth = 128 };

    public async Task HandleAsync(HttpContext http)
    {
        var counter = SqlStatementCounter.Begin();
        if (options.Value.ExposeSqlStatementCount)
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers["X-Sql-Statements"] = counter.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
        }

        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, JsonMediaType,
                $"The Accept header allows neither {GraphQLResponseMediaType} nor {JsonMediaType}.");
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            await HandleGetAsync(http, mediaType);
        }
        else if (HttpMethods.IsPost(http.Request.Method))
        {
            await HandlePostAsync(http, mediaType);
        }
        else
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, "Use GET for queries or POST for any operation.");
        }
    }

    private async Task HandleGetAsync(HttpContext http, string mediaType)
    {
        var query = http.Request.Query;
        Inputs? variables = null;
        if (query.TryGetValue("variables", out var variablesText) && !string.IsNullOrEmpty(variablesText))
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(variablesText!);
            }
            catch (JsonException)
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, "The 'variables' parameter is not a JSON object.");
                return;
            }
        }

        var request = new GraphQLRequest
        {
            Query = query["query"],
            OperationName = string.IsNullOrEmpty(query["operationName"]) ? null : query["operationName"].ToString(),
            Variables = variables,
        };
        var prepared = Prepare(request, allowMutations: false);
        if (prepared.Error is { } error)
        {
            if (prepared.MutationOverGet)
            {
                http.Response.Headers.Allow = "POST";
            }

            await WriteErrorAsync(http, prepared.MutationOverGet ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status400BadRequest, mediaType, error);
            return;
        }

        var result = await ExecuteAsync(http, request, prepared.Document!);
        await WriteResultAsync(http, mediaType, result);
    }

    private async Task HandlePostAsync(HttpContext http, string mediaType)
    {
        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith(JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, mediaType, $"POST bodies must be {JsonMediaType}.");
            return;
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, "The request body is not valid JSON.");
            return;
        }

        using (body)
        {
            if (body.RootElement.ValueKind == JsonValueKind.Array)
            {
                await HandleBatchAsync(http, mediaType, body.RootElement);
                return;
            }

            if (!TryReadRequest(body.RootElement, out var request, out var readError))
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, readError);
                return;
            }

            var prepared = Prepare(request, allowMutations: true);
            if (prepared.Error is { } error)
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, error);
                return;
            }

            await WriteResultAsync(http, mediaType, await ExecuteAsync(http, request, prepared.Document!));
        }
    }

    private async Task HandleBatchAsync(HttpContext http, string mediaType, JsonElement batch)
    {
        var count = batch.GetArrayLength();
        if (count == 0 || count > options.Value.MaxBatchSize)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType,
                $"A batch holds 1 to {options.Value.MaxBatchSize} operations; this one holds {count}.");
            return;
        }

        var results = new List<ExecutionResult>(count);
        foreach (var element in batch.EnumerateArray())
        {
            if (!TryReadRequest(element, out var request, out var readError))
            {
                results.Add(ErrorResult(readError));
                continue;
            }

            var prepared = Prepare(request, allowMutations: true);
            results.Add(prepared.Error is { } error ? ErrorResult(error) : await ExecuteAsync(http, request, prepared.Document!));
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, results, http.RequestAborted);
    }

    private bool TryReadRequest(JsonElement element, out GraphQLRequest request, out string error)
    {
        request = new GraphQLRequest();
        error = "";
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "A GraphQL request is a JSON object with a 'query'.";
            return false;
        }

        try
        {
            request = serializer.Deserialize<GraphQLRequest>(element.GetRawText()) ?? request;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            error = "The request's 'query' and 'operationName' must be strings and 'variables' and 'extensions' objects.";
            return false;
        }
    }

    private static PreparedRequest Prepare(GraphQLRequest request, bool allowMutations)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return new PreparedRequest(null, "The request has no 'query'.", false);
        }

        GraphQLDocument document;
        try
        {
            document = DocumentBuilder.Build(request.Query);
        }
        catch (SyntaxError exception)
        {
            return new PreparedRequest(null, $"The query is not valid GraphQL: {exception.Message}", false);
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        if (operation is null)
        {
            return new PreparedRequest(null, request.OperationName is null
                ? "The document holds several operations; name one with 'operationName'."
                : $"The document has no operation named '{request.OperationName}'.", false);
        }

        return !allowMutations && operation.Operation != OperationType.Query
            ? new PreparedRequest(null, $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.", true)
            : new PreparedRequest(document, null, false);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request, GraphQLDocument document)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        http.RequestServices.GetRequiredService<ContentAccess>().IncludeDrafts = http.User.CanReadDrafts();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogExecuted(logger, request.OperationName ?? "(anonymous)", elapsed, result.Errors?.Count ?? 0, SqlStatementCounter.CurrentCount);
        return result;
    }

    private async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result)
    {
        // graphql-response+json: a request that never executed (invalid document or variables) is a 400,
        // or 401/403 when it was refused for its credentials.
        http.Response.StatusCode = mediaType != GraphQLResponseMediaType || result.Executed
            ? StatusCodes.Status200OK
            : FirstCode(result) switch
            {
                MutationAuthorizationRule.NotAuthenticated => StatusCodes.Status401Unauthorized,
                MutationAuthorizationRule.NotAuthorized => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private async Task WriteErrorAsync(HttpContext http, int status, string mediaType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, ErrorResult(message), http.RequestAborted);
    }

    private static string? FirstCode(ExecutionResult result) => result.Errors?.FirstOrDefault()?.Code;

    private static ExecutionResult ErrorResult(string message) => new() { Errors = [new ExecutionError(message)] };

    /// <summary>
    /// The spec's negotiation: the new media type when accepted, JSON for legacy clients (and when no
    /// Accept header is sent), null when the client accepts neither.
    /// </summary>
    private static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return JsonMediaType;
        }

        foreach (var value in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var type = value.MediaType.Value;
            if (string.Equals(type, GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType;
            }

            if (string.Equals(type, JsonMediaType, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                return type is "*/*" or "application/*" ? GraphQLResponseMediaType : JsonMediaType;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} finished in {ElapsedMs:F1} ms with {ErrorCount} errors and {SqlStatements} SQL statements")]
    private static partial void LogExecuted(ILogger logger, string operationName, double elapsedMs, int errorCount, int sqlStatements);

    private sealed record PreparedRequest(GraphQLDocument? Document, string? Error, bool MutationOverGet);
}
