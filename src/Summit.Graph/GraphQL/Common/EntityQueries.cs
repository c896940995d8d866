using System.Collections;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.Hosting;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// The one way every list, connection and lookup of the API reads the database: <c>where</c> → filter,
/// <c>order</c> → keyset order, selection → projection, all composed into one SQL statement per level.
/// Nested lists go through per-field batch loaders, so statements never grow with the rows returned.
/// </summary>
public sealed class EntityQueries(
    IDbContextFactory<SummitDbContext> contexts,
    ContentAccess access,
    RequestLoaders loaders,
    TotalCounts counts,
    IOptions<PagingOptions> paging,
    IOptions<DatabaseOptions> database)
{
    private static readonly System.Reflection.MethodInfo ListContains = typeof(List<int>).GetMethod(nameof(List<int>.Contains))!;

    /// <summary>SQLite and SQL Server sort NULL lowest; PostgreSQL sorts it highest.</summary>
    private readonly bool sortsNullsFirst = database.Value.Provider != DatabaseProviders.PostgreSql;

    /// <summary>
    /// A root cursor connection over <paramref name="source"/>, which reads no parent: its <c>totalCount</c> is
    /// kept by field name and <c>where</c> (<see cref="TotalCounts"/>).
    /// </summary>
    public async Task<ConnectionPage> ConnectionAsync<T>(IResolveFieldContext context, EntityModel<T> model, Func<SummitDbContext, IQueryable<T>> source)
        where T : class
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var after = context.GetArgument<string?>("after");
        var before = context.GetArgument<string?>("before");
        var size = PageSize(first, last);
        var backward = last is not null;

        var keys = SortTranslator.Translate(model, context.GetArgument<object?>("order") as IEnumerable);
        var fingerprint = KeysetCursor.Fingerprint(keys);
        var afterValues = after is null ? null : KeysetCursor.Decode(after, fingerprint, keys, "after");
        var beforeValues = before is null ? null : KeysetCursor.Decode(before, fingerprint, keys, "before");

        var connectionType = (IObjectGraphType)context.FieldDefinition.ResolvedType!.GetNamedType();
        var nodeType = NodeType(context, model);
        var tree = new ProjectionTree();
        foreach (var nodes in SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "nodes"))
        {
            SelectionCollector.Collect(context, nodes.SelectionSet, nodeType, tree);
        }

        var edgeType = (IObjectGraphType)connectionType.GetField("edges")!.ResolvedType!.GetNamedType();
        foreach (var edges in SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "edges"))
        {
            foreach (var node in SelectionCollector.Named(context, edges.SelectionSet, edgeType, "node"))
            {
                SelectionCollector.Collect(context, node.SelectionSet, nodeType, tree);
            }
        }

        foreach (var key in keys)
        {
            tree.Add(key.Path);
        }

        var pageInfoFields = SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "pageInfo")
            .SelectMany(p => SelectionCollector.Fields(context, p.SelectionSet, (IObjectGraphType)connectionType.GetField("pageInfo")!.ResolvedType!.GetNamedType()))
            .Select(f => f.Name.StringValue).ToHashSet();
        var countWanted = SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "totalCount").Any();

        var where = context.GetArgument<Dictionary<string, object?>?>("where");
        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        var filtered = Filter(source(db), model, where);
        var query = filtered;
        if (afterValues is not null)
        {
            query = query.Where(KeysetPager.After<T>(keys, afterValues, reverse: false));
        }

        if (beforeValues is not null)
        {
            query = query.Where(KeysetPager.After<T>(keys, beforeValues, reverse: true));
        }

        var rows = await KeysetPager.OrderBy(query, keys, backward, sortsNullsFirst)
            .Take(size + 1)
            .Select(ProjectionBuilder.Build<T>(tree))
            .AsNoTracking()
            .ToListAsync(context.CancellationToken);

        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        var edgesList = rows.Select(row => new ConnectionEdge(KeysetCursor.Encode(fingerprint, KeysetCursor.ValuesOf(row, keys)), row)).ToList();

        // The far side of the cursor is only probed when the client asks about it (one cheap EXISTS). The
        // cursor's own row lies on that side: paging from the page's first edge back would return it.
        var opposite = backward ? beforeValues : afterValues;
        var oppositeWanted = pageInfoFields.Contains(backward ? "hasNextPage" : "hasPreviousPage");
        var hasOpposite = opposite is not null && oppositeWanted
            && await filtered.AnyAsync(KeysetPager.After<T>(keys, opposite, reverse: !backward, inclusive: true), context.CancellationToken);

        var pageInfo = new PageInfo
        {
            HasNextPage = backward ? hasOpposite : hasMore,
            HasPreviousPage = backward ? hasMore : hasOpposite,
            StartCursor = edgesList.FirstOrDefault()?.Cursor,
            EndCursor = edgesList.LastOrDefault()?.Cursor,
        };
        int? total = countWanted ? await counts.CountAsync(filtered, context.FieldDefinition.Name, where, access.IncludeDrafts, context.CancellationToken) : null;
        return new ConnectionPage(edgesList, pageInfo, total);
    }

    /// <summary>A plain filtered, ordered list (no paging): for small collections such as the days of an event.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(IResolveFieldContext context, EntityModel<T> model, Func<SummitDbContext, IQueryable<T>> source)
        where T : class
    {
        var keys = SortTranslator.Translate(model, context.GetArgument<object?>("order") as IEnumerable);
        var tree = SelectionCollector.Collect(context, context.FieldAst.SelectionSet, NodeType(context, model));
        foreach (var key in keys)
        {
            tree.Add(key.Path);
        }

        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        return await KeysetPager.OrderBy(Filter(source(db), model, context.GetArgument<Dictionary<string, object?>?>("where")), keys, reverse: false, sortsNullsFirst)
            .Select(ProjectionBuilder.Build<T>(tree))
            .AsNoTracking()
            .ToListAsync(context.CancellationToken);
    }

    /// <summary>One item (by slug, say), projected to the selection.</summary>
    public async Task<T?> SingleAsync<T>(IResolveFieldContext context, EntityModel<T> model, Func<SummitDbContext, IQueryable<T>> source)
        where T : class
    {
        var tree = SelectionCollector.Collect(context, context.FieldAst.SelectionSet, NodeType(context, model));
        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        return await source(db).Select(ProjectionBuilder.Build<T>(tree)).AsNoTracking().FirstOrDefaultAsync(context.CancellationToken);
    }

    /// <summary>
    /// Items by id, batched across every resolver of this field occurrence (<c>node</c>, <c>nodes</c>, references).
    /// <paramref name="nodeType"/> is the concrete type whose selection is projected.
    /// </summary>
    public IDataLoaderResult<T?> ById<T>(IResolveFieldContext context, EntityModel<T> model, IObjectGraphType nodeType, int id)
        where T : class
    {
        var loader = loaders.GetOrAdd(context.FieldAst, nodeType.Name, () =>
        {
            var tree = SelectionCollector.Collect(context, context.FieldAst.SelectionSet, nodeType);
            var projection = ProjectionBuilder.Build<T>(tree);
            var idKey = (Expression<Func<T, int>>)model.IdKey;
            return new BatchLoader<int, T>(async (ids, cancellationToken) =>
            {
                await using var db = contexts.CreateDbContext(access.IncludeDrafts);
                var parameter = idKey.Parameters[0];
                var idList = ids.ToList();
                var inIds = Expression.Lambda<Func<T, bool>>(
                    Expression.Call(ExpressionTools.Parameter(idList), ListContains, idKey.Body), parameter);
                var rows = await db.Set<T>().Where(inIds).Select(projection).AsNoTracking().ToListAsync(cancellationToken);
                var getId = idKey.Compile();
                return rows.ToDictionary(getId);
            });
        });
        return loader.Load(id);
    }

    /// <summary>
    /// The children of one parent (a session's presenters, a day's slots), loaded for all parents of this
    /// field occurrence in one statement, filtered, ordered and projected as the field asks.
    /// </summary>
    public IDataLoaderResult<IEnumerable<T>> Children<TLink, T>(IResolveFieldContext context, EntityModel<T> model, int parentId, ChildLink<TLink, T> source)
        where TLink : class
        where T : class
    {
        var loader = loaders.GetOrAdd(context.FieldAst, "children", () =>
        {
            var link = source.Link;
            var where = context.GetArgument<Dictionary<string, object?>?>("where");
            var filter = where is null ? null : Expression.Lambda<Func<TLink, bool>>(FilterTranslator.Build(model, source.ChildAccess, where, "where"), link);
            var keys = SortTranslator.Translate(model, context.GetArgument<object?>("order") as IEnumerable);
            var tree = SelectionCollector.Collect(context, context.FieldAst.SelectionSet, NodeType(context, model));
            var projection = Expression.Lambda<Func<TLink, Keyed<T>>>(
                Expression.MemberInit(
                    Expression.New(typeof(Keyed<T>)),
                    Expression.Bind(KeyedProperties<T>.Key, source.ParentKeyAccess),
                    Expression.Bind(KeyedProperties<T>.Value, ProjectionBuilder.Build(source.ChildAccess, typeof(T), tree))),
                link);
            var clientKeys = keys.TakeWhile(k => k.Name is not (SortTranslator.DefaultKeyName or SortTranslator.IdKeyName)).ToList();
            var linkKeys = Rebase(clientKeys, source.Child);
            if (source.LinkOrder is not null)
            {
                linkKeys.Add(new OrderKey(source.LinkOrder, false, false, [], "position"));
            }

            linkKeys.AddRange(Rebase(keys.Skip(clientKeys.Count).ToList(), source.Child));

            return new BatchLoader<int, IEnumerable<T>>(async (parentIds, cancellationToken) =>
            {
                await using var db = contexts.CreateDbContext(access.IncludeDrafts);
                var inParents = Expression.Lambda<Func<TLink, bool>>(
                    Expression.Call(ExpressionTools.Parameter(parentIds.ToList()), ListContains, source.ParentKeyAccess), link);
                var query = source.Links(db).Where(inParents);
                if (filter is not null)
                {
                    query = query.Where(filter);
                }

                var rows = await KeysetPager.OrderBy(query, linkKeys, reverse: false, sortsNullsFirst)
                    .Select(projection)
                    .AsNoTracking()
                    .ToListAsync(cancellationToken);
                return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (IEnumerable<T>)g.Select(r => r.Value).ToList());
            });
        });
        return new EmptyWhenMissing<T>(loader.Load(parentId));
    }

    private static IQueryable<T> Filter<T>(IQueryable<T> query, EntityModel<T> model, Dictionary<string, object?>? where)
        where T : class
    {
        var predicate = FilterTranslator.Translate<T>(model, where);
        return predicate is null ? query : query.Where(predicate);
    }

    private int PageSize(int? first, int? last)
    {
        if (first is not null && last is not null)
        {
            throw new QueryArgumentException("Pass either 'first' or 'last', not both.", "PAGING_INVALID");
        }

        var requested = first ?? last;
        var argument = first is not null ? "first" : "last";
        var limits = paging.Value;
        if (requested is null)
        {
            return limits.DefaultPageSize;
        }

        if (requested < 0)
        {
            throw new QueryArgumentException($"'{argument}' must not be negative; it was {requested}.", "PAGING_INVALID");
        }

        return requested > limits.MaxPageSize
            ? throw new QueryArgumentException(
                $"'{argument}' asked for {requested} items, but a page holds at most {limits.MaxPageSize}. Page through with 'after'.",
                "PAGING_MAX_PAGE_SIZE_EXCEEDED")
            : requested.Value;
    }

    private static IObjectGraphType NodeType(IResolveFieldContext context, EntityModel model) =>
        context.Schema.AllTypes[model.GraphTypeName] as IObjectGraphType
        ?? throw new InvalidOperationException($"The schema has no object type {model.GraphTypeName}.");

    private static List<OrderKey> Rebase(IReadOnlyList<OrderKey> keys, LambdaExpression child) =>
        [.. keys.Select(k => k with { Key = Expression.Lambda(ExpressionTools.Inline(k.Key, child.Body), child.Parameters) })];

    private sealed class EmptyWhenMissing<T>(IDataLoaderResult<IEnumerable<T>?> inner) : IDataLoaderResult<IEnumerable<T>>
    {
        public async Task<IEnumerable<T>> GetResultAsync(CancellationToken cancellationToken = default) =>
            await inner.GetResultAsync(cancellationToken) ?? [];

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>A projected child with the id of the parent it belongs to.</summary>
public sealed class Keyed<T>
{
    public int Key { get; set; }

    public T Value { get; set; } = default!;
}

internal static class KeyedProperties<T>
{
    public static readonly System.Reflection.PropertyInfo Key = typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Key))!;

    public static readonly System.Reflection.PropertyInfo Value = typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Value))!;
}

/// <summary>What the current request may see: set per request from its credentials.</summary>
public sealed class ContentAccess
{
    public bool IncludeDrafts { get; set; }
}
