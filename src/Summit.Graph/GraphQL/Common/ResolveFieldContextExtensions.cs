using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;

namespace Summit.Graph.GraphQL.Common;

public static class ResolveFieldContextExtensions
{
    /// <summary>The request's query service (scoped: it holds the request's loaders and access).</summary>
    public static EntityQueries Queries(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<EntityQueries>();

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
