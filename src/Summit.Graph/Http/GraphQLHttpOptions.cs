namespace Summit.Graph.Http;

/// <summary>Section <c>GraphQL</c>: limits and switches of the HTTP endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Most operations one batched request (a JSON array) may hold.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>Serves Banana Cake Pop to browsers at <c>/graphql</c>; turn it off in production.</summary>
    public bool EnableIde { get; set; } = true;

    /// <summary>Runs only the trusted documents of <c>schema/operations</c> (by <c>documentId</c> or hash): for production front ends.</summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>Bytes of query text (UTF-16, with its key) automatic persisted queries may keep in memory.</summary>
    public long PersistedQueryCacheBytes { get; set; } = 8_000_000;

    /// <summary>
    /// Bytes the cache of parsed and validated documents may hold, text and syntax tree together (front ends send
    /// the same documents again and again; see <see cref="ValidatedDocuments"/>).
    /// </summary>
    public long DocumentCacheBytes { get; set; } = 16_000_000;

    /// <summary>Bytes the remembered <c>totalCount</c>s may hold (see <see cref="GraphQL.Common.TotalCounts"/>).</summary>
    public long CountCacheBytes { get; set; } = 4_000_000;

    /// <summary>Operations slower than this are logged as warnings; successful reads are otherwise logged at Debug.</summary>
    public double SlowOperationMilliseconds { get; set; } = 1_000;

    /// <summary>Seconds shared caches (a CDN) may serve an anonymous GET response before revalidating with its ETag.</summary>
    public int CacheMaxAgeSeconds { get; set; } = 10;

    /// <summary>Most live subscriptions (SSE streams and WebSocket subscriptions together) the server holds at once.</summary>
    public int MaxSubscriptions { get; set; } = 200;

    /// <summary>
    /// Most of <see cref="MaxSubscriptions"/> one client holds: a key (by name), or an address for anonymous
    /// clients. A quarter by default, so one client cannot starve the rest.
    /// </summary>
    public int MaxSubscriptionsPerClient { get; set; } = 50;

    /// <summary>Most WebSocket connections the server holds at once, idle or not.</summary>
    public int MaxWebSockets { get; set; } = 1_000;

    /// <summary>
    /// Most WebSocket connections from one address (keys arrive after the connection opens). Generous, since a
    /// venue's visitors may share one address; behind a proxy, the proxy must forward the client's address.
    /// </summary>
    public int MaxWebSocketsPerClient { get; set; } = 50;

    /// <summary>Seconds a WebSocket may stay open with no subscription running before the server closes it (1000, normal closure).</summary>
    public double WebSocketIdleTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a new WebSocket has to send <c>connection_init</c> before the server closes it (graphql-transport-ws
    /// 4408, graphql-ws 1002).
    /// </summary>
    public double WebSocketInitTimeoutSeconds { get; set; } = 10;

    /// <summary>Adds <c>X-Sql-Statements</c> to responses: for benchmarks and tests, not for production.</summary>
    public bool ExposeSqlStatementCount { get; set; }
}
