using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Summit.Graph.Auth;
using Summit.Graph.Data;
using Summit.Graph.Hosting;
using Summit.Graph.Limits;

namespace Summit.Graph.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with JSON (single or batched), GET for queries,
/// content negotiation between <c>application/graphql-response+json</c> and <c>application/json</c>, and the
/// status codes the spec asks for. Bad requests get 4xx with a GraphQL error body, never a 500. Browsers
/// asking for HTML get the IDE; <c>text/event-stream</c> requests go to the SSE transport; anonymous GET
/// responses carry an ETag. A query asked before under the same content version is answered from the
/// <see cref="ResponseCache"/> before its document is even looked at.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLOperations operations,
    GraphQLRequestReader reader,
    IGraphQLTextSerializer serializer,
    HttpCaching caching,
    ResponseCache responses,
    BananaCakePop ide,
    ServerSentEvents serverSentEvents,
    GraphQLWebSockets webSockets,
    IOptions<GraphQLHttpOptions> options)
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";
    private static readonly byte[] ArrayStart = "["u8.ToArray();
    private static readonly byte[] ArraySeparator = ","u8.ToArray();
    private static readonly byte[] ArrayEnd = "]"u8.ToArray();
    private const string SubscriptionElsewhere = "Subscriptions run over graphql-sse (Accept: text/event-stream) or a WebSocket (graphql-transport-ws or graphql-ws).";

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

        // Before any transport: a bad key is refused for reads as for mutations, not served as anonymous.
        if (http.User.SentInvalidKey())
        {
            await InvalidKey.RefuseAsync(http, serializer, NegotiateMediaType(http.Request) ?? JsonMediaType);
            return;
        }

        if (http.WebSockets.IsWebSocketRequest)
        {
            await webSockets.HandleAsync(http);
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && ide.Wants(http.Request))
        {
            await ide.ServePageAsync(http);
            return;
        }

        if (ServerSentEvents.Wants(http.Request))
        {
            await serverSentEvents.HandleAsync(http);
            return;
        }

        HttpCaching.MarkPrivateWhenAuthorized(http);
        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, JsonMediaType, RequestErrors.NotAcceptable,
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
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, RequestErrors.MethodNotAllowed, "Use GET for queries or POST for any operation.");
        }
    }

    private async Task HandleGetAsync(HttpContext http, string mediaType)
    {
        var key = await responses.KeyAsync(http, http.Request.Query, mediaType);
        if (key is not null && responses.TryGet(key, out var cached))
        {
            if (cached.ETag is { } etag)
            {
                if (caching.IsNotModified(http, etag))
                {
                    return;
                }

                caching.MarkCacheable(http, etag);
            }

            await WriteBodyAsync(http, mediaType, cached.Body);
            return;
        }

        if (!reader.TryRead(http.Request.Query, out var request, out var readError))
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, readError);
            return;
        }

        var prepared = operations.Prepare(request, http.User, http);
        if (prepared is { Malformed: true, Error: { } malformed })
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, malformed);
            return;
        }

        if (prepared.Error is null && prepared.Type != OperationType.Query)
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, RequestErrors.MethodNotAllowed, $"A {prepared.Type.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.");
            return;
        }

        var validator = await caching.ValidatorAsync(http, prepared, mediaType);
        if (validator is not null && caching.IsNotModified(http, validator))
        {
            return;
        }

        var result = prepared.Error is { } error ? GraphQLOperations.ErrorResult(error) : await operations.ExecuteAsync(prepared, http.User, http.RequestServices, http.RequestAborted);
        if (validator is not null && result.Executed && result.Errors is null)
        {
            caching.MarkCacheable(http, validator);
        }

        await WriteResultAsync(http, mediaType, result, key, prepared, validator);
    }

    private async Task HandlePostAsync(HttpContext http, string mediaType)
    {
        var (bytes, refused) = await reader.ReadBodyAsync(http);
        // Looked up by the body's bytes, before they are even parsed as JSON.
        var key = refused is null ? await responses.KeyAsync(http, bytes) : null;
        if (key is not null && responses.TryGet(key, out var cached))
        {
            await WriteBodyAsync(http, mediaType, cached.Body);
            return;
        }

        var read = refused ?? reader.ParseJson(bytes);
        if (read is not { Document: { } body })
        {
            await WriteErrorAsync(http, read.Status, mediaType, read.Error!);
            return;
        }

        using (body)
        {
            if (body.RootElement.ValueKind == JsonValueKind.Array)
            {
                await HandleBatchAsync(http, mediaType, body.RootElement, key);
                return;
            }

            if (!reader.TryRead(body.RootElement, out var request, out var readError))
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, readError);
                return;
            }

            var prepared = operations.Prepare(request, http.User, http);
            if (prepared is { Malformed: true, Error: { } malformed })
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, malformed);
                return;
            }

            if (prepared.Error is null && prepared.Type == OperationType.Subscription)
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, RequestErrors.SubscriptionTransport, SubscriptionElsewhere);
                return;
            }

            await WriteResultAsync(http, mediaType, await RunAsync(http, prepared), key, prepared);
        }
    }

    /// <summary>
    /// Runs each item as if it had been sent alone (from the cache too) and answers their JSON array; when every item's
    /// answer may be kept, the array is kept under <paramref name="key"/>, the whole body's.
    /// </summary>
    private async Task HandleBatchAsync(HttpContext http, string mediaType, JsonElement batch, string? key)
    {
        var count = batch.GetArrayLength();
        if (count == 0 || count > options.Value.MaxBatchSize)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, RequestErrors.BatchSize,
                $"A batch holds 1 to {options.Value.MaxBatchSize} operations; this one holds {count}.");
            return;
        }

        var answers = new List<byte[]>(count);
        var everyAnswerKept = key is not null;
        foreach (var element in batch.EnumerateArray())
        {
            var itemKey = await responses.KeyAsync(http, element);
            if (itemKey is not null && responses.TryGet(itemKey, out var cached))
            {
                answers.Add(cached.Body);
                continue;
            }

            if (!reader.TryRead(element, out var request, out var readError))
            {
                answers.Add(await SerializeAsync(http, GraphQLOperations.ErrorResult(readError)));
                everyAnswerKept = false;
                continue;
            }

            var prepared = operations.Prepare(request, http.User, http);
            var result = await RunAsync(http, prepared);
            everyAnswerKept &= Keeps(itemKey, prepared, result);
            answers.Add(await SerializeAsync(http, result, itemKey, prepared));
        }

        using var array = new MemoryStream();
        for (var i = 0; i < answers.Count; i++)
        {
            array.Write(i == 0 ? ArrayStart : ArraySeparator);
            array.Write(answers[i]);
        }

        array.Write(ArrayEnd);
        var answer = array.ToArray();
        if (everyAnswerKept)
        {
            responses.Store(http, key!, answer, etag: null);
        }

        await WriteBodyAsync(http, mediaType, answer);
    }

    private async Task<ExecutionResult> RunAsync(HttpContext http, PreparedOperation prepared) =>
        prepared.Error is { } error ? GraphQLOperations.ErrorResult(error)
        : prepared.Type == OperationType.Subscription ? GraphQLOperations.ErrorResult(RequestErrors.Create(RequestErrors.SubscriptionTransport, SubscriptionElsewhere))
        : await operations.ExecuteAsync(prepared, http.User, http.RequestServices, http.RequestAborted);

    /// <summary>
    /// Writes <paramref name="result"/>; under <paramref name="key"/> (null: not to be kept) its bytes are kept in the
    /// <see cref="ResponseCache"/> when <paramref name="prepared"/> may be, with the <paramref name="etag"/> of an anonymous GET.
    /// </summary>
    private async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result, string? key = null, PreparedOperation? prepared = null, string? etag = null)
    {
        if (Keeps(key, prepared, result))
        {
            await WriteBodyAsync(http, mediaType, await SerializeAsync(http, result, key, prepared, etag));
            return;
        }

        // graphql-response+json: a request that never executed (invalid document or variables) is a 400,
        // or 401/403 when it was refused for its credentials; one that asked only for its cost is a 200.
        http.Response.StatusCode = mediaType != GraphQLResponseMediaType || result.Executed || result.Errors is null
            ? StatusCodes.Status200OK
            : result.Errors?.FirstOrDefault()?.Code switch
            {
                MutationAuthorizationRule.NotAuthenticated => StatusCodes.Status401Unauthorized,
                MutationAuthorizationRule.NotAuthorized => StatusCodes.Status403Forbidden,
                GraphQL.Common.DatabaseErrors.UnavailableCode => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        // Over its rate, a client gets 429 whatever it accepts: the status is what clients and proxies back off on.
        if (result.Errors?.OfType<RateLimitedError>().FirstOrDefault() is { } limited)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>A query's answer that succeeded: 200 with <paramref name="body"/>, from the cache or just serialised.</summary>
    private static async Task WriteBodyAsync(HttpContext http, string mediaType, byte[] body)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>The JSON of <paramref name="result"/>, kept under <paramref name="key"/> as <see cref="WriteResultAsync"/> says.</summary>
    private async Task<byte[]> SerializeAsync(HttpContext http, ExecutionResult result, string? key = null, PreparedOperation? prepared = null, string? etag = null)
    {
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, http.RequestAborted);
        var body = buffer.ToArray();
        if (Keeps(key, prepared, result))
        {
            responses.Store(http, key, body, etag);
        }

        return body;
    }

    private static bool Keeps([NotNullWhen(true)] string? key, [NotNullWhen(true)] PreparedOperation? prepared, ExecutionResult result) =>
        key is not null && prepared is not null && ResponseCache.IsStorable(prepared, result);

    private Task WriteErrorAsync(HttpContext http, int status, string mediaType, string code, string message) =>
        WriteErrorAsync(http, status, mediaType, RequestErrors.Create(code, message));

    private async Task WriteErrorAsync(HttpContext http, int status, string mediaType, ExecutionError error)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, GraphQLOperations.ErrorResult(error), http.RequestAborted);
    }

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

            // The spec: clients that accept anything (fetch sends */*) get the media type every client reads.
            if (string.Equals(type, JsonMediaType, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                return JsonMediaType;
            }
        }

        return null;
    }
}
