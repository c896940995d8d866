using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Summit.Graph.Limits;

namespace Summit.Graph.Http;

/// <summary>A request body read as JSON, or the status and error that refuse it.</summary>
public sealed record JsonBody(JsonDocument? Document, int Status, ExecutionError? Error);

/// <summary>Reads GraphQL requests from a JSON body or a query string, for every HTTP transport.</summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, IOptions<OperationLimitOptions> limits)
{
    /// <summary>Reads the body (<see cref="ReadBodyAsync"/>) and parses it (<see cref="ParseJson"/>).</summary>
    public async Task<JsonBody> ReadJsonAsync(HttpContext http)
    {
        var (bytes, refused) = await ReadBodyAsync(http);
        return refused ?? ParseJson(bytes);
    }

    /// <summary>The media type of every POST body, the GraphQL-over-HTTP spec's: JSON, in UTF-8 (no charset, or UTF-8's).</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>
    /// The body's bytes, or the refusal of a body that is not <see cref="JsonMediaType"/> in UTF-8 (415,
    /// <c>MEDIA_TYPE_UNSUPPORTED</c>, on every POST transport: plain, batched and graphql-sse) or is over
    /// <c>GraphQL:Limits:MaxRequestBodyBytes</c> (413): by its Content-Length before reading anything, and on Kestrel
    /// also while reading a chunked body.
    /// </summary>
    public async Task<(ReadOnlyMemory<byte> Bytes, JsonBody? Refused)> ReadBodyAsync(HttpContext http)
    {
        if (!IsJsonInUtf8(http.Request))
        {
            return (default, new JsonBody(null, StatusCodes.Status415UnsupportedMediaType,
                RequestErrors.Create(RequestErrors.UnsupportedMediaType, $"POST bodies must be {JsonMediaType} in UTF-8.")));
        }

        var max = limits.Value.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = max;
        }

        if (http.Request.ContentLength > max)
        {
            return (default, TooLarge(http.Request.ContentLength.Value, max));
        }

        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            // Disposing the stream leaves its array intact: the bytes are used without another copy.
            return buffer.Length > max ? (default, TooLarge(buffer.Length, max)) : (new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge(null, max));
        }
    }

    /// <summary>
    /// Parses a body read whole, checked in one pass (<see cref="JsonBounds"/>) before JsonDocument builds its tree,
    /// which costs more than linear time in the depth. The document uses <paramref name="bytes"/> without copying them.
    /// </summary>
    public JsonBody ParseJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            if (JsonBounds.Check(bytes.Span, limits.Value, out var notJson) is { } tooLarge)
            {
                return new JsonBody(null, StatusCodes.Status400BadRequest, tooLarge);
            }

            return notJson ? NotJson() : new JsonBody(JsonDocument.Parse(bytes), StatusCodes.Status200OK, null);
        }
        catch (JsonException)
        {
            return NotJson();
        }
    }

    /// <summary>
    /// The first bound of <c>GraphQL:Limits</c> a message's JSON exceeds (<see cref="JsonBounds"/>), for transports that
    /// read their own messages (WebSocket); <paramref name="notJson"/> is set for text that is not JSON.
    /// </summary>
    public ExecutionError? CheckBounds(ReadOnlySpan<byte> utf8Json, out bool notJson) => JsonBounds.Check(utf8Json, limits.Value, out notJson);

    private static JsonBody NotJson() =>
        new(null, StatusCodes.Status400BadRequest, RequestErrors.Create(RequestErrors.NotJson, "The request body is not valid JSON."));

    private static JsonBody TooLarge(long? length, long max) => new(null, StatusCodes.Status413PayloadTooLarge, new ExecutionError(length is { } bytes
        ? FormattableString.Invariant($"The request body is {bytes:N0} bytes; at most {max:N0} are allowed (GraphQL:Limits:MaxRequestBodyBytes).")
        : FormattableString.Invariant($"The request body is larger than the {max:N0} bytes allowed (GraphQL:Limits:MaxRequestBodyBytes)."))
    {
        Code = LimitCodes.BodySize,
    });

    /// <summary>
    /// Reads a request object: <c>query</c>, <c>documentId</c> and <c>operationName</c> strings, <c>variables</c> and
    /// <c>extensions</c> objects, each also null or absent. Anything else is a <see cref="RequestErrors.Invalid"/> error.
    /// </summary>
    public bool TryRead(JsonElement element, out GraphQLRequest request, [NotNullWhen(false)] out ExecutionError? error)
    {
        request = new GraphQLRequest();
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "A GraphQL request is a JSON object with a 'query'.");
            return false;
        }

        try
        {
            // The raw text, not the element: deserialising it again decodes every string, unknown members
            // included, so a body that is not UTF-8 (and so not JSON) is refused with 400.
            request = serializer.Deserialize<GraphQLRequest>(element.GetRawText()) ?? request;
            return TryReadOperationId(element, request, out error);
        }
        catch (Exception exception) when (IsMalformedInput(exception))
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "The request's 'query', 'documentId' and 'operationName' must be strings and 'variables' and 'extensions' objects.");
            return false;
        }
    }

    /// <summary>
    /// HotChocolate's persisted-operation request names its document <c>id</c> (the GraphQL-over-HTTP spec's draft
    /// says <c>documentId</c>); both are read, and a request may not send both.
    /// </summary>
    private static bool TryReadOperationId(JsonElement element, GraphQLRequest request, [NotNullWhen(false)] out ExecutionError? error)
    {
        error = null;
        if (!element.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (id.ValueKind != JsonValueKind.String || request.DocumentId is not null)
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "'id' names a persisted document: a string, sent instead of 'documentId'.");
            return false;
        }

        request.DocumentId = id.GetString();
        return true;
    }

    /// <summary>GET's parameters: query, documentId (or id), operationName, and variables and extensions as JSON.</summary>
    public bool TryRead(IQueryCollection query, out GraphQLRequest request, [NotNullWhen(false)] out ExecutionError? error)
    {
        request = new GraphQLRequest
        {
            Query = NullIfEmpty(query["query"]),
            DocumentId = NullIfEmpty(query["documentId"]) ?? NullIfEmpty(query["id"]),
            OperationName = NullIfEmpty(query["operationName"]),
        };
        error = null;
        try
        {
            request.Variables = ReadObjectParameter(query["variables"], out error);
            request.Extensions = error is null ? ReadObjectParameter(query["extensions"], out error) : null;
            return error is null;
        }
        catch (Exception exception) when (IsMalformedInput(exception))
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "The 'variables' and 'extensions' parameters must be JSON objects.");
            return false;
        }
    }

    private Inputs? ReadObjectParameter(Microsoft.Extensions.Primitives.StringValues parameter, out ExecutionError? error)
    {
        error = null;
        if (NullIfEmpty(parameter) is not { } json)
        {
            return null;
        }

        error = JsonBounds.Check(System.Text.Encoding.UTF8.GetBytes(json), limits.Value, out var notJson);
        if (notJson)
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "The 'variables' and 'extensions' parameters must be JSON objects.");
        }

        return error is null ? serializer.Deserialize<Inputs>(json) : null;
    }

    /// <summary>
    /// What GraphQL.NET's JSON converters throw for a member of the wrong type or a number out of every numeric
    /// type's range: a request's fault, never the server's.
    /// </summary>
    private static bool IsMalformedInput(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or OverflowException or InvalidCastException or ArgumentException;

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrEmpty(value) ? null : value.ToString();

    /// <summary>
    /// <c>application/json</c> with no charset or UTF-8's (the only encoding JSON allows between systems, RFC 8259 §8.1);
    /// a body declared in another charset would be misread, so it is refused with 415 instead.
    /// </summary>
    private static bool IsJsonInUtf8(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(contentType.Charset).Value;
        return charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);
    }
}
