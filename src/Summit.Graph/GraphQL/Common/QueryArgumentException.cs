using GraphQL;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Bad input detected while resolving (an untranslatable filter, a foreign cursor, an oversized page).
/// GraphQL.NET turns it into an error with <c>extensions.code</c>, never a 500.
/// </summary>
public sealed class QueryArgumentException : ExecutionError
{
    public QueryArgumentException(string message, string code)
        : base(message)
    {
        Code = code;
    }
}
