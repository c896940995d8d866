using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;

namespace Summit.Graph.GraphQL.Common;

public static class ResolveFieldContextExtensions
{
    private const string QueriesKey = "summit.queries";

    /// <summary>
    /// Gives the resolvers of one query or mutation its query service once, in its user context: list fields ask for
    /// it once per parent row, and a scope resolves a service under a lock. Subscription events, which get a scope
    /// each, are left to ask their own.
    /// </summary>
    public static void KeepQueries(IDictionary<string, object?> userContext, IServiceProvider operationServices) =>
        userContext[QueriesKey] = operationServices.GetRequiredService<EntityQueries>();

    /// <summary>The request's query service (scoped: it holds the request's loaders and access).</summary>
    public static EntityQueries Queries(this IResolveFieldContext context) =>
        context.UserContext.TryGetValue(QueriesKey, out var kept) && kept is EntityQueries queries
            ? queries
            : context.RequestServices!.GetRequiredService<EntityQueries>();

    /// <summary>
    /// The query service of a subscription event. Each event runs in a service scope of its own, so it gets the
    /// subscriber's access here, the way the HTTP endpoint gives a request its access.
    /// </summary>
    public static EntityQueries QueriesForSubscriber(this IResolveFieldContext context)
    {
        context.RequestServices!.GetRequiredService<ContentAccess>().IncludeDrafts = context.User.CanReadDrafts();
        return context.Queries();
    }

    /// <summary>Fails the field (not the request) unless the key may read drafts: history and plans are for editors.</summary>
    public static IResolveFieldContext RequireDraftAccess(this IResolveFieldContext context) =>
        context.User.CanReadDrafts()
            ? context
            : throw new QueryArgumentException($"{context.ParentType.Name}.{context.FieldDefinition.Name} is visible to editor and previewer keys only.", MutationAuthorizationRule.NotAuthorized);
}
