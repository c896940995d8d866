using System.Linq.Expressions;
using Summit.Graph.Data;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// How a nested list reaches its children from a parent: the rows that connect them, the parent's id on a
/// row, the child on a row and an optional position. Graph types keep one per field in a static field:
/// written inline in a resolver, the expression trees would be built again for every parent row.
/// </summary>
/// <param name="Links">
/// Rows that connect parents to children: a join entity, or the children themselves. An expression over the
/// context, so that the list's query can be compiled once (<see cref="CompiledQueries"/>).
/// </param>
/// <param name="ParentKey">The parent's id on a link row.</param>
/// <param name="Child">The child reached from a link row.</param>
/// <param name="LinkOrder">The link's own order (a position) applied after the client's keys; null for none.</param>
public sealed record ChildLink<TLink, T>(
    Expression<Func<SummitDbContext, IQueryable<TLink>>> Links,
    Expression<Func<TLink, int>> ParentKey,
    Expression<Func<TLink, T>> Child,
    Expression<Func<TLink, int>>? LinkOrder)
    where TLink : class
    where T : class
{
    /// <summary>The link rows of one context, for queries that are not compiled (lists with a <c>where</c>).</summary>
    public Func<SummitDbContext, IQueryable<TLink>> LinksOf { get; } = Links.Compile();

    /// <summary>The link row, the parameter of every expression built for this list.</summary>
    public ParameterExpression Link => Child.Parameters[0];

    /// <summary>The child, read from <see cref="Link"/>.</summary>
    public Expression ChildAccess { get; } = ExpressionTools.Inline(Child, Child.Parameters[0]);

    /// <summary>The parent's id, read from <see cref="Link"/>.</summary>
    public Expression ParentKeyAccess { get; } = ExpressionTools.Inline(ParentKey, Child.Parameters[0]);
}

public static class ChildLink
{
    /// <summary>Infers the types of a <see cref="ChildLink{TLink, T}"/> from its lambdas.</summary>
    public static ChildLink<TLink, T> Of<TLink, T>(
        Expression<Func<SummitDbContext, IQueryable<TLink>>> links,
        Expression<Func<TLink, int>> parentKey,
        Expression<Func<TLink, T>> child,
        Expression<Func<TLink, int>>? linkOrder = null)
        where TLink : class
        where T : class =>
        new(links, parentKey, child, linkOrder);
}
