namespace Summit.Graph.Http;

/// <summary>Section <c>GraphQL</c>: limits and switches of the HTTP endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Most operations one batched request (a JSON array) may hold.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>Adds <c>X-Sql-Statements</c> to responses: for benchmarks and tests, not for production.</summary>
    public bool ExposeSqlStatementCount { get; set; }
}
