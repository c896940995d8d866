using GraphQL.Validation;

namespace Summit.Graph.Limits;

/// <summary>The error codes of refused operations; each message says which limit and by how much.</summary>
public static class LimitCodes
{
    public const string Depth = "LIMIT_DEPTH";
    public const string Complexity = "LIMIT_COMPLEXITY";
    public const string Fields = "LIMIT_FIELDS";
    public const string Aliases = "LIMIT_ALIASES";
    public const string BodySize = "LIMIT_BODY_SIZE";
    public const string Timeout = "LIMIT_TIMEOUT";
    public const string Rate = "LIMIT_RATE";
    public const string Tokens = "LIMIT_TOKENS";
    public const string DocumentLength = "LIMIT_DOCUMENT_LENGTH";
    public const string Errors = "LIMIT_ERRORS";
    public const string FragmentSpreads = "LIMIT_FRAGMENT_SPREADS";
    public const string FieldRepeats = "LIMIT_FIELD_REPEATS";
    public const string Introspection = "LIMIT_INTROSPECTION";
    public const string SlowSubscriber = "LIMIT_SLOW_SUBSCRIBER";

    /// <summary>More Markdown than the caller may have rendered; the name predates the LIMIT_ prefix and clients know it.</summary>
    public const string MarkdownTooLong = "MARKDOWN_TOO_LONG";
    public const string InputValues = "LIMIT_INPUT_VALUES";
    public const string InputDepth = "LIMIT_INPUT_DEPTH";
    public const string InputListLength = "LIMIT_INPUT_LIST_LENGTH";
    public const string InputStringLength = "LIMIT_INPUT_STRING_LENGTH";
    public const string FilterTerms = "LIMIT_FILTER_TERMS";
    public const string SortTerms = "LIMIT_SORT_TERMS";
    public const string SearchLength = "LIMIT_SEARCH_LENGTH";
    public const string SearchTerms = "LIMIT_SEARCH_TERMS";

    /// <summary>The server holds <c>GraphQL:MaxSubscriptions</c>; the name predates the LIMIT_ prefix and clients know it.</summary>
    public const string Subscriptions = "TOO_MANY_SUBSCRIPTIONS";
    public const string ClientSubscriptions = "LIMIT_CLIENT_SUBSCRIPTIONS";
    public const string WebSockets = "LIMIT_WEBSOCKETS";
    public const string ClientWebSockets = "LIMIT_CLIENT_WEBSOCKETS";
}

/// <summary>An operation refused during validation, before anything runs.</summary>
public class LimitError : ValidationError
{
    public LimitError(string code, string message)
        : base(message)
    {
        Code = code;
    }
}

/// <summary>A client over its rate: HTTP answers 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitedError(string message, TimeSpan retryAfter) : LimitError(LimitCodes.Rate, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
