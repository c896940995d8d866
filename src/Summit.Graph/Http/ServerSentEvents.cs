using System.Text;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Summit.Graph.Auth;

namespace Summit.Graph.Http;

/// <summary>
/// The GraphQL over Server-Sent Events protocol (graphql-sse), "distinct connections" mode: one POST (or
/// GET) with <c>Accept: text/event-stream</c> per operation, answered with <c>next</c> events and a final
/// <c>complete</c>. The stream ends, and the subscription is released, when the client disconnects, or with a
/// last <c>next</c> carrying <c>AUTH_INVALID_KEY</c> once the key it was opened with is revoked.
/// </summary>
public sealed class ServerSentEvents(GraphQLOperations operations, GraphQLRequestReader reader, SubscriptionStreams streams, IGraphQLTextSerializer serializer)
{
    public const string MediaType = "text/event-stream";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(12);

    public static bool Wants(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => string.Equals(a.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase));

    public async Task HandleAsync(HttpContext http)
    {
        HttpCaching.MarkPrivateWhenAuthorized(http);
        if (http.User.SentInvalidKey())
        {
            await InvalidKey.RefuseAsync(http, serializer, "application/json");
            return;
        }

        GraphQLRequest request;
        ExecutionError? readError;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var read = await reader.ReadJsonAsync(http);
            if (read is not { Document: { } body })
            {
                await RefuseAsync(http, read.Status, read.Error!);
                return;
            }

            using (body)
            {
                reader.TryRead(body.RootElement, out request, out readError);
            }
        }
        else
        {
            reader.TryRead(http.Request.Query, out request, out readError);
        }

        if (readError is not null)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, readError);
            return;
        }

        var prepared = operations.Prepare(request, http.User, http);
        if (prepared.Error is { } error)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, error);
            return;
        }

        if (prepared.Type == OperationType.Mutation && !HttpMethods.IsPost(http.Request.Method))
        {
            await RefuseAsync(http, StatusCodes.Status405MethodNotAllowed, RequestErrors.Create(RequestErrors.MethodNotAllowed, "Mutations need POST."));
            return;
        }

        var (slot, refusal) = streams.TryEnter(http.User, http);
        using var held = slot;
        if (refusal is not null)
        {
            // The server's bound is the server's trouble (503); a client over its share is told to slow down (429).
            await RefuseAsync(http, refusal.Code == Limits.LimitCodes.Subscriptions ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests, refusal);
            return;
        }

        var aborted = http.RequestAborted;
        var executed = await operations.ExecuteAsync(prepared, http.User, http.RequestServices, aborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = $"{MediaType}; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(aborted);

        using var keepAlive = new PeriodicTimer(KeepAlive);
        var writeLock = new SemaphoreSlim(1, 1);
        var pinging = PingAsync(http, keepAlive, writeLock, aborted);
        try
        {
            await foreach (var result in streams.ResultsAsync(executed, http.User, aborted))
            {
                await WriteEventAsync(http, writeLock, "next", serializer.Serialize(result), aborted);
            }

            await WriteEventAsync(http, writeLock, "complete", "", aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the subscription and its slot are released by the usings.
        }
        finally
        {
            keepAlive.Dispose();
            await pinging;
            writeLock.Dispose();
        }
    }

    private static async Task PingAsync(HttpContext http, PeriodicTimer timer, SemaphoreSlim writeLock, CancellationToken aborted)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(aborted))
            {
                await writeLock.WaitAsync(aborted);
                try
                {
                    await http.Response.WriteAsync(":\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disconnected: nothing left to keep alive.
        }
    }

    private static async Task WriteEventAsync(HttpContext http, SemaphoreSlim writeLock, string name, string data, CancellationToken aborted)
    {
        await writeLock.WaitAsync(aborted);
        try
        {
            await http.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", Encoding.UTF8, aborted);
            await http.Response.Body.FlushAsync(aborted);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private Task RefuseAsync(HttpContext http, int status, string message) => RefuseAsync(http, status, new ExecutionError(message));

    private async Task RefuseAsync(HttpContext http, int status, ExecutionError error)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, GraphQLOperations.ErrorResult(error), http.RequestAborted);
    }
}
