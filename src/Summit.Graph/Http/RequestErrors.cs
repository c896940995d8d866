using GraphQL;

namespace Summit.Graph.Http;

/// <summary>
/// The coded errors of requests refused before their document is parsed or run: the HTTP envelope, the
/// GraphQL-over-HTTP spec's media types and methods, and WebSocket messages. Each has its code in
/// <c>extensions.code</c>, so clients can tell a malformed request from a GraphQL error.
/// </summary>
public static class RequestErrors
{
    /// <summary>The body (or a WebSocket message) is not JSON: 400.</summary>
    public const string NotJson = "REQUEST_NOT_JSON";

    /// <summary>A member of the request has the wrong JSON type or value (<c>query</c> not a string, <c>variables</c> not an object): 400.</summary>
    public const string Invalid = "REQUEST_INVALID";

    /// <summary>The request names no document (no <c>query</c>, <c>documentId</c> or persisted query): 400.</summary>
    public const string NoDocument = "REQUEST_NO_DOCUMENT";

    /// <summary>The document is not GraphQL (GraphQL.NET's code for parse errors).</summary>
    public const string Syntax = "SYNTAX_ERROR";

    /// <summary><c>operationName</c> names no operation of the document, or the document holds several and none is named: 400.</summary>
    public const string OperationNotFound = "OPERATION_NOT_FOUND";

    /// <summary>The body's media type, or its charset, is not JSON in UTF-8: 415.</summary>
    public const string UnsupportedMediaType = "MEDIA_TYPE_UNSUPPORTED";

    /// <summary>The client accepts none of the response media types: 406.</summary>
    public const string NotAcceptable = "MEDIA_TYPE_NOT_ACCEPTABLE";

    /// <summary>The HTTP method cannot carry this request (a mutation over GET): 405.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>A subscription sent where only queries and mutations run: 400.</summary>
    public const string SubscriptionTransport = "SUBSCRIPTION_TRANSPORT";

    /// <summary>A batch with no item, or more than <c>GraphQL:MaxBatchSize</c>: 400.</summary>
    public const string BatchSize = "LIMIT_BATCH_SIZE";

    public static ExecutionError Create(string code, string message) => new(message) { Code = code };
}
