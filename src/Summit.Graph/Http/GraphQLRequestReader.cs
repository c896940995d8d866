using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Summit.Graph.Http;

/// <summary>Reads GraphQL requests from a JSON body or a query string, for every HTTP transport.</summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
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
