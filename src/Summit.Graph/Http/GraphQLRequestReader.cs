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
            return new JsonBody(await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted), StatusCodes.Status200OK, null);
        }
        catch (JsonException)
        {
            return new JsonBody(null, StatusCodes.Status400BadRequest, new ExecutionError("The request body is not valid JSON."));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null, max);
        }
    }

    private static JsonBody TooLarge(long? length, long max) => new(null, StatusCodes.Status413PayloadTooLarge, new ExecutionError(length is { } bytes
        ? FormattableString.Invariant($"The request body is {bytes:N0} bytes; at most {max:N0} are allowed (GraphQL:Limits:MaxRequestBodyBytes).")
        : FormattableString.Invariant($"The request body is larger than the {max:N0} bytes allowed (GraphQL:Limits:MaxRequestBodyBytes)."))
    {
        Code = LimitCodes.BodySize,
    });

    public bool TryRead(JsonElement element, out GraphQLRequest request, out string error)
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
            // The raw text, not the element: deserialising it again decodes every string, unknown members
            // included, so a body that is not UTF-8 (and so not JSON) is refused with 400.
            request = serializer.Deserialize<GraphQLRequest>(element.GetRawText()) ?? request;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            error = "The request's 'query', 'documentId' and 'operationName' must be strings and 'variables' and 'extensions' objects.";
            return false;
        }
    }

    /// <summary>GET's parameters: query, documentId, operationName, and variables and extensions as JSON.</summary>
    public bool TryRead(IQueryCollection query, out GraphQLRequest request, out string error)
    {
        request = new GraphQLRequest
        {
            Query = NullIfEmpty(query["query"]),
            DocumentId = NullIfEmpty(query["documentId"]),
            OperationName = NullIfEmpty(query["operationName"]),
        };
        error = "";
        try
        {
            request.Variables = NullIfEmpty(query["variables"]) is { } variables ? serializer.Deserialize<Inputs>(variables) : null;
            request.Extensions = NullIfEmpty(query["extensions"]) is { } extensions ? serializer.Deserialize<Inputs>(extensions) : null;
            return true;
        }
        catch (JsonException)
        {
            error = "The 'variables' and 'extensions' parameters must be JSON objects.";
            return false;
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrEmpty(value) ? null : value.ToString();
}
