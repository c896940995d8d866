using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.Hosting;

namespace Summit.Graph.GraphQL.Common;

/// <summary>A projected child with the id of the parent it belongs to.</summary>
public sealed class Keyed<T>
{
    public int Key { get; set; }

    public T Value { get; set; } = default!;
}

/// <summary>
/// What a nested list's statement depends on besides its parents' ids and a <c>where</c>: the link, the members the
/// selection reads and the order. Equal shapes (compared by structure, not by document) share one compiled query.
/// </summary>
public sealed class ChildQueryShape<TLink, T> : IEquatable<ChildQueryShape<TLink, T>>
    where TLink : class
    where T : class
{
    private static readonly PropertyInfo KeyProperty = typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Key))!;
    private static readonly PropertyInfo ValueProperty = typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Value))!;

    private readonly ProjectionTree tree;
    private readonly IReadOnlyList<OrderKey> keys;
    private readonly bool sortsNullsFirst;

    /// <param name="keys">The child's order keys (the client's, then the default order and the id): <see cref="SortTranslator"/>.</param>
    /// <param name="sortsNullsFirst">Whether the database sorts NULL lowest (<see cref="KeysetPager.OrderBy{T}"/>).</param>
    public ChildQueryShape(ChildLink<TLink, T> link, ProjectionTree tree, IReadOnlyList<OrderKey> keys, bool sortsNullsFirst)
    {
        Link = link;
        this.tree = tree;
        this.keys = keys;
        this.sortsNullsFirst = sortsNullsFirst;
    }

    public ChildLink<TLink, T> Link { get; }

    /// <summary>
    /// The children of the parents in <paramref name="parentIds"/> (an expression of a <c>List&lt;int&gt;</c>), each with its
    /// parent's id, ordered as the shape says (the client's keys, then the link's position, then the rest) and projected.
    /// </summary>
    public IQueryable<Keyed<T>> Query(IQueryable<TLink> links, Expression parentIds, Expression<Func<TLink, bool>>? filter)
    {
        var link = Link.Link;
        var query = links.Where(Expression.Lambda<Func<TLink, bool>>(ExpressionTools.IdIn(parentIds, Link.ParentKeyAccess), link));
        if (filter is not null)
        {
            query = query.Where(filter);
        }

        var clientKeys = keys.TakeWhile(k => k.Name is not (SortTranslator.DefaultKeyName or SortTranslator.IdKeyName)).ToList();
        var linkKeys = Rebase(clientKeys);
        if (Link.LinkOrder is not null)
        {
            linkKeys.Add(new OrderKey(Link.LinkOrder, false, false, [], "position"));
        }

        linkKeys.AddRange(Rebase(keys.Skip(clientKeys.Count)));
        var projection = Expression.Lambda<Func<TLink, Keyed<T>>>(
            Expression.MemberInit(
                Expression.New(typeof(Keyed<T>)),
                Expression.Bind(KeyProperty, Link.ParentKeyAccess),
                Expression.Bind(ValueProperty, ProjectionBuilder.Build(Link.ChildAccess, typeof(T), tree))),
            link);
        return KeysetPager.OrderBy(query, linkKeys, reverse: false, sortsNullsFirst).Select(projection);
    }

    /// <summary>Compiles the unfiltered query, taking a context and the parents' ids.</summary>
    public Func<SummitDbContext, List<int>, IAsyncEnumerable<Keyed<T>>> Compile()
    {
        var db = Expression.Parameter(typeof(SummitDbContext), "db");
        var parentIds = Expression.Parameter(typeof(List<int>), "parentIds");
        // Composed with the same code as an uncompiled query, over a queryable that only collects the expression;
        // its root is the link's own lambda over the context parameter, as in a hand-written compiled query.
        var query = Query(new EnumerableQuery<TLink>(ExpressionTools.Inline(Link.Links, db)), parentIds, filter: null);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<SummitDbContext, List<int>, IQueryable<Keyed<T>>>>(
            CompiledQueries.AsNoTracking<Keyed<T>>(query.Expression), db, parentIds));
    }

    public bool Equals(ChildQueryShape<TLink, T>? other) =>
        other is not null
        && ReferenceEquals(Link, other.Link)
        && sortsNullsFirst == other.sortsNullsFirst
        && tree.Equals(other.tree)
        && SameOrder(keys, other.keys);

    public override bool Equals(object? obj) => Equals(obj as ChildQueryShape<TLink, T>);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Link, tree);
        foreach (var key in keys)
        {
            hash = HashCode.Combine(hash, key.Descending, key.Path.Count > 0 ? key.Path[^1] : null);
        }

        return hash;
    }

    private static bool SameOrder(IReadOnlyList<OrderKey> first, IReadOnlyList<OrderKey> second)
    {
        // The default order is one shared list, so most comparisons end here.
        if (ReferenceEquals(first, second))
        {
            return true;
        }

        if (first.Count != second.Count)
        {
            return false;
        }

        for (var i = 0; i < first.Count; i++)
        {
            if (first[i].Descending != second[i].Descending || !first[i].Path.SequenceEqual(second[i].Path))
            {
                return false;
            }
        }

        return true;
    }

    private List<OrderKey> Rebase(IEnumerable<OrderKey> childKeys) =>
        [.. childKeys.Select(k => k with { Key = Expression.Lambda(ExpressionTools.Inline(k.Key, Link.Child.Body), Link.Child.Parameters) })];
}

/// <summary>
/// A lookup by slug: <c>(db, slug, eventSlug) =&gt; rows</c>, at most one of which is wanted (the first). Declared once per
/// model in a static field, so that the lookup's identity names its compiled queries.
/// </summary>
public sealed class SlugLookup<T>(Expression<Func<SummitDbContext, string?, string?, IQueryable<T>>> rows)
    where T : class
{
    public Expression<Func<SummitDbContext, string?, string?, IQueryable<T>>> Rows { get; } = rows;
}

/// <summary>A <see cref="SlugLookup{T}"/> projected to a selection: equal shapes share one compiled query.</summary>
public sealed record SingleQueryShape<T>(SlugLookup<T> Lookup, ProjectionTree Tree)
    where T : class
{
    private static readonly MethodInfo FirstOrDefault = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.FirstOrDefault) && m.GetParameters().Length == 1);

    /// <summary>Compiles the lookup, projected and untracked, taking the context, the slugs and a cancellation token.</summary>
    public Func<SummitDbContext, string?, string?, CancellationToken, Task<T?>> Compile()
    {
        var rows = Lookup.Rows;
        var projected = new EnumerableQuery<T>(rows.Body).Select(ProjectionBuilder.Build<T>(Tree));
        var body = Expression.Call(FirstOrDefault.MakeGenericMethod(typeof(T)), CompiledQueries.AsNoTracking<T>(projected.Expression));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<SummitDbContext, string?, string?, CancellationToken, T?>>(
            body, [.. rows.Parameters, Expression.Parameter(typeof(CancellationToken), "cancellationToken")]));
    }
}

/// <summary>Items by id (<c>node</c>, <c>nodes</c>, a mutation's payload) projected to a selection: equal shapes share one compiled query.</summary>
public sealed record ByIdQueryShape<T>(EntityModel<T> Model, ProjectionTree Tree)
    where T : class
{
    // The entity's set as a property of the context, as in a hand-written compiled query.
    private static readonly PropertyInfo Set = typeof(SummitDbContext).GetProperties().Single(p => p.PropertyType == typeof(DbSet<T>));

    /// <summary>Compiles the lookup, projected and untracked, taking the context and the ids.</summary>
    public Func<SummitDbContext, List<int>, IAsyncEnumerable<T>> Compile()
    {
        var db = Expression.Parameter(typeof(SummitDbContext), "db");
        var ids = Expression.Parameter(typeof(List<int>), "ids");
        var idKey = Model.IdKey;
        var query = new EnumerableQuery<T>(Expression.Property(db, Set))
            .Where(Expression.Lambda<Func<T, bool>>(ExpressionTools.IdIn(ids, idKey.Body), idKey.Parameters))
            .Select(ProjectionBuilder.Build<T>(Tree));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<SummitDbContext, List<int>, IQueryable<T>>>(
            CompiledQueries.AsNoTracking<T>(query.Expression), db, ids));
    }
}

/// <summary>
/// Statements compiled once per shape (<c>EF.CompileAsyncQuery</c>): a lookup by slug with its projection
/// (<see cref="SingleQueryShape{T}"/>), items by id (<see cref="ByIdQueryShape{T}"/>), a nested list with its projection and order (<see cref="ChildQueryShape{TLink, T}"/>).
/// A repeated request then skips building its expression trees and EF Core's per-execution work on them (parameter
/// extraction and a cache key computed over the whole tree: half of a schedule request's allocations went there).
/// Bounded by <c>Database:CompiledQueryCacheSize</c> shapes: when a new shape finds it full, it starts again empty, so
/// documents made up to differ cost what they cost EF Core's own cache, a compilation, and cannot grow it (the trusted
/// documents' shapes come back with their next request). Held per model: a compiled query runs only against the model
/// it was compiled for, and EF Core builds the model again when its own cache (<c>Database:CompiledQueryCacheSize</c>,
/// shared with its queries) lets the model go.
/// </summary>
public sealed class CompiledQueries(IOptions<DatabaseOptions> options)
{
    private static readonly MethodInfo AsNoTrackingMethod = typeof(EntityFrameworkQueryableExtensions)
        .GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!;

    private readonly ConcurrentDictionary<(IModel Model, object Shape), object> queries = new();
    private readonly int capacity = options.Value.CompiledQueryCacheSize;

    /// <summary>How many shapes are held.</summary>
    public int Count => queries.Count;

    /// <summary>
    /// The compiled query of <paramref name="shape"/> for the model of <paramref name="db"/>, compiled by
    /// <paramref name="compile"/> when it is not held.
    /// </summary>
    public TQuery GetOrCompile<TShape, TQuery>(SummitDbContext db, TShape shape, Func<TShape, TQuery> compile)
        where TShape : notnull
        where TQuery : class
    {
        var key = (db.Model, (object)shape);
        if (queries.TryGetValue(key, out var held))
        {
            return (TQuery)held;
        }

        if (queries.Count >= capacity)
        {
            queries.Clear();
        }

        return (TQuery)queries.GetOrAdd(key, compile(shape));
    }

    /// <summary><c>AsNoTracking</c> around an expression composed outside EF Core's provider (whose extension method would skip it).</summary>
    internal static Expression AsNoTracking<T>(Expression query)
        where T : class =>
        Expression.Call(AsNoTrackingMethod.MakeGenericMethod(typeof(T)), query);
}
