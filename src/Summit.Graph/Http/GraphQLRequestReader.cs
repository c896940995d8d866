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
    /// <summary>
    /// Parses the body, refusing one over <c>GraphQL:Limits:MaxRequestBodyBytes</c> with 413: by its
    /// Content-Length before reading anything, and on Kestrel also while reading a chunked body.
    /// </summary>
    public async Task<JsonBody> ReadJsonAsync(HttpContext http)
    {
        var max = limits.Value.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = max;
        }

        if (http.Request.ContentLength > max)
        {
            return TooLarge(http.Request.ContentLength.Value, max);
        }

        try
        {
            // The reader keeps its depth in a bit stack, not on the thread's stack, so any depth parses safely and
            // is then refused with its own code instead of "not valid JSON".
            var document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = int.MaxValue }, http.RequestAborted);
            if (TooDeep(document.RootElement) is { } tooDeep)
            {
                document.Dispose();
                return new JsonBody(null, StatusCodes.Status400BadRequest, tooDeep);
            }

            return new JsonBody(document, StatusCodes.Status200OK, null);
        }
        catch (JsonException)
        {
            return new JsonBody(null, StatusCodes.Status400BadRequest, RequestErrors.Create(RequestErrors.NotJson, "The request body is not valid JSON."));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null, max);
        }
    }

    /// <summary>
    /// Most levels of JSON nesting a request may hold (System.Text.Json's default for the serialisers that read the
    /// request later); a filter written at its limits (<c>GraphQL:Limits:MaxInputDepth</c>) needs about 15.
    /// </summary>
    public const int MaxJsonDepth = 64;

    /// <summary>The error for JSON nested deeper than <see cref="MaxJsonDepth"/>, found without recursion; null when it is not.</summary>
    public static ExecutionError? TooDeep(JsonElement root)
    {
        var pending = new Stack<(JsonElement Element, int Depth)>();
        pending.Push((root, 1));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > MaxJsonDepth)
            {
                return new ExecutionError(FormattableString.Invariant($"The request nests JSON more than {MaxJsonDepth} levels deep; at most {MaxJsonDepth} are allowed.")) { Code = LimitCodes.InputDepth };
            }

            if (item.Element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.Element.EnumerateObject())
                {
                    pending.Push((property.Value, item.Depth + 1));
                }
            }
            else if (item.Element.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in item.Element.EnumerateArray())
                {
                    pending.Push((element, item.Depth + 1));
                }
            }
        }

        return null;
    }

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
            return true;
        }
        catch (Exception exception) when (IsMalformedInput(exception))
        {
            error = RequestErrors.Create(RequestErrors.Invalid, "The request's 'query', 'documentId' and 'operationName' must be strings and 'variables' and 'extensions' objects.");
            return false;
        }
    }

    /// <summary>GET's parameters: query, documentId, operationName, and variables and extensions as JSON.</summary>
    public bool TryRead(IQueryCollection query, out GraphQLRequest request, [NotNullWhen(false)] out ExecutionError? error)
    {
        request = new GraphQLRequest
        {
            Query = NullIfEmpty(query["query"]),
            DocumentId = NullIfEmpty(query["documentId"]),
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

        using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = int.MaxValue }))
        {
            error = TooDeep(document.RootElement);
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
}
