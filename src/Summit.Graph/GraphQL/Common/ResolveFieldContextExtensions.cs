using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Summit.Graph.GraphQL.Common;

public static class ResolveFieldContextExtensions
{
    /// <summary>The request's query service (scoped: it holds the request's loaders and access).</summary>
    public static EntityQueries Queries(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<EntityQueries>();
}
