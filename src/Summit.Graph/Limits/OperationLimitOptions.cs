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
    /// Most field cost (IBM cost specification, as HotChocolate computes it; see <see cref="OperationCost"/>): a
    /// fetching field 10, other objects and lists 1, scalars 0, filter and sort operations 10 or 20, each times the
    /// sizes of the lists above it (a connection's <c>first</c>/<c>last</c> or <c>Paging:DefaultPageSize</c>; other
    /// lists their <c>@listSize(assumedSize:)</c>). The front end's largest operation (<c>Schedule</c>) costs 1,815.
    /// </summary>
    public int MaxComplexity { get; set; } = 20_000;

    /// <summary>How many items a list read from the database that declares no size of its own (<c>session.presenters</c>) is assumed to hold.</summary>
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

    /// <summary>
    /// Most lexical tokens (names, punctuators, values; comments excluded) a document may hold, counted before it is
    /// parsed, as HotChocolate's parser does with <c>MaxAllowedTokens</c>. Parsing and validation grow with the
    /// document, and some validation rules faster than linearly: 20,000 directives on one field took 13.5 s of CPU.
    /// The front end's largest document holds about 100 tokens; graphql-js's full introspection query about 350.
    /// </summary>
    public int MaxTokens { get; set; } = 4_000;

    /// <summary>
    /// Longest document, in characters, checked before its tokens are counted (a 900 KB string literal is one token,
    /// but lexing it cost 29 ms). The largest front-end document has about 500 characters, graphql-js's full
    /// introspection query about 2,000; a document at <see cref="MaxTokens"/> of ordinary names about 40,000.
    /// </summary>
    public int MaxDocumentLength { get; set; } = 100_000;

    /// <summary>
    /// Anonymous documents with more tokens than this, when they are not yet known as validated, count against the
    /// expensive-query rate (<c>RateLimits:ExpensiveQueriesPerSecond</c>) before they are parsed.
    /// </summary>
    public int ExpensiveTokens { get; set; } = 1_000;

    /// <summary>
    /// Most fragment spreads (<c>...Name</c>) a document may write; validation compares every two of them. Front ends
    /// that colocate a fragment per component use a few dozen.
    /// </summary>
    public int MaxFragmentSpreads { get; set; } = 200;

    /// <summary>
    /// Most fields one selection set may answer under the same response name (its inline fragments included);
    /// validation compares every two of them, and their sub-selections with each other. Aliases give fields names
    /// of their own (bounded by <see cref="MaxAliases"/>).
    /// </summary>
    public int MaxFieldRepeats { get; set; } = 10;

    /// <summary>Most <c>__schema</c> and <c>__type</c> selections in a document; each may answer the whole schema. IDEs use one.</summary>
    public int MaxIntrospectionSelections { get; set; } = 5;

    /// <summary>
    /// Most field cost of a subscription: it runs again for every event and every subscriber, so it is bounded
    /// more tightly than a query (<see cref="MaxComplexity"/>).
    /// </summary>
    public int MaxSubscriptionComplexity { get; set; } = 1_000;

    /// <summary>Most errors one response reports; the rest are summed up in a last error (validation can find one per node).</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>
    /// Most values (objects, lists and scalars, counted through every level) the arguments of one operation may
    /// hold, whether written in the document or sent as variables.
    /// </summary>
    public int MaxInputValues { get; set; } = 2_000;

    /// <summary>Most nested input objects and lists in one argument value (<c>where</c>'s <c>and</c>/<c>or</c>/<c>some</c> chains included).</summary>
    public int MaxInputDepth { get; set; } = 12;

    /// <summary>Most items of one list in an argument (an <c>in</c> list, <c>ids</c>, <c>and</c>/<c>or</c> terms).</summary>
    public int MaxInputListLength { get; set; } = 500;

    /// <summary>
    /// Longest string value, in characters, in a request's variables or written in its document (the document text
    /// itself is bounded by <see cref="MaxTokens"/>). An abstract holds at most 20,000 characters; a 1 MB value asked
    /// of 20 fields was copied, looked up and quoted 20 times.
    /// </summary>
    public int MaxInputStringLength { get; set; } = 65_536;

    /// <summary>Most operation terms (<c>eq</c>, <c>in</c>, <c>some</c>, ...) one <c>where</c> argument may hold.</summary>
    public int MaxFilterTerms { get; set; } = 50;

    /// <summary>Most sort terms one <c>order</c> argument may hold.</summary>
    public int MaxSortTerms { get; set; } = 10;

    /// <summary>Longest <c>search(query:)</c>, in characters: what a search box holds; every character is matched against the index.</summary>
    public int MaxSearchLength { get; set; } = 200;

    /// <summary>Most words one <c>search(query:)</c> may hold: each is a condition the database checks against every document.</summary>
    public int MaxSearchTerms { get; set; } = 10;
}
