namespace Summit.Graph.Limits;

/// <summary>
/// Section <c>GraphQL:Limits</c>: what one request may ask of the server. Every refusal names its key, so an
/// operator who sees a legitimate client refused knows what to raise.
/// </summary>
public sealed class OperationLimitOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Most nested selection levels (fields with sub-selections) of an operation.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Depth allowed to operations that select only <c>__schema</c>/<c>__type</c>: IDEs' introspection queries are
    /// 14 levels deep (their <c>ofType</c> chains); <see cref="MaxComplexity"/> still bounds them.
    /// </summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>
    /// Most estimated work: every field counts 1, times the page sizes of the lists above it (a connection's
    /// <c>first</c>/<c>last</c> or <c>Paging:DefaultPageSize</c>; other lists <see cref="ListSizeEstimate"/>).
    /// The front end's largest operation (<c>Schedule</c>) costs about 3,900.
    /// </summary>
    public int MaxComplexity { get; set; } = 20_000;

    /// <summary>How many items a list that is not paged (<c>event.days</c>, <c>session.presenters</c>) is assumed to hold.</summary>
    public int ListSizeEstimate { get; set; } = 5;

    /// <summary>
    /// Characters of text a resolver renders (<c>renderMarkdown</c>'s <c>markdown</c>, literal or from a variable)
    /// per point of cost: rendering's CPU grows with its text, not with rows, and 20,000 characters of emphasis
    /// pairs take 0.7 to 1 s of CPU on two cores (plain text 3 ms). At 1, a preview of the largest abstract
    /// (20,000 characters) is an operation of its own, and anonymous operations previewing more than
    /// <c>RateLimits:ExpensiveQueryComplexity</c> characters in all are rate-limited as expensive queries.
    /// </summary>
    public int MarkdownCharactersPerPoint { get; set; } = 1;

    /// <summary>
    /// Longest Markdown, in characters, that <c>renderMarkdown</c> renders for callers without a key (editors may
    /// send the 20,000 an abstract holds); 0 makes previews need a key. Anonymous readers have no use for it.
    /// </summary>
    public int AnonymousMarkdownMaxLength { get; set; } = 1_000;

    /// <summary>Most field selections in an operation, counting every use of a fragment.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Most aliased fields in an operation (aliases repeat expensive fields under new names).</summary>
    public int MaxAliases { get; set; } = 100;

    /// <summary>Largest request body <c>/graphql</c> reads; 1 MiB holds a batch of edits at the Markdown size limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Seconds a query or mutation may run before its database work is cancelled.</summary>
    public double TimeoutSeconds { get; set; } = 30;
}
