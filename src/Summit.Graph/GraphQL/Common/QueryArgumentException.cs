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

    /// <summary>
    /// A value as an error message quotes it: at most <see cref="MaxQuotedLength"/> characters, then "…". An error per
    /// field that quoted a 1 MB argument in full copied 20 MB for one answer.
    /// </summary>
    public static string Quote(string value) => value.Length <= MaxQuotedLength ? value : value[..MaxQuotedLength] + "…";

    /// <summary>The most characters of a refused value an error message quotes.</summary>
    public const int MaxQuotedLength = 64;
}
