using System.Collections;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
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
    IOptions<DatabaseOptions> database,
    CompiledQueries compiledQueries)
{
    /// <summary>SQLite and SQL Server sort NULL lowest; PostgreSQL sorts it highest.</summary>
    private readonly bool sortsNullsFirst = database.Value.Provider != DatabaseProviders.PostgreSql;

    /// <summary>
    /// A root cursor connection over <paramref name="source"/>, which reads no parent: its <c>totalCount</c> is
    /// kept by field name and <c>where</c> (<see cref="TotalCounts"/>).
    /// </summary>
    public async Task<ConnectionPage> ConnectionAsync<T>(IResolveFieldContext context, EntityModel<T> model, Func<SummitDbContext, IQueryable<T>> source)
        where T : class
    {
        var page = PageRequest.Of(context, paging.Value);
        var keys = SortTranslator.Translate(model, context.GetArgument<object?>("order") as IEnumerable);
        var window = new KeysetWindow(page, keys);

        var tree = Connections.NodeSelection(context, NodeType(context, model));
        foreach (var key in keys)
        {
            tree.Add(key.Path);
        }

        var where = context.GetArgument<Dictionary<string, object?>?>("where");
        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        var filtered = Filter(source(db), model, where);
        var rows = await window.Rows(filtered, sortsNullsFirst)
            .Select(ProjectionBuilder.Build<T>(tree))
            .AsNoTracking()
            .ToListAsync(context.CancellationToken);

        var hasOpposite = await window.HasOppositeAsync(filtered, context.CancellationToken);
        int? total = page.WantsTotalCount ? await counts.CountAsync(filtered, context.FieldDefinition.Name, where, access.IncludeDrafts, context.CancellationToken) : null;
        return page.Page(rows, row => new ConnectionEdge(window.CursorOf(row), row), hasOpposite, total);
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

    /// <summary>
    /// The first row of <paramref name="lookup"/> for <paramref name="slug"/> (and <paramref name="eventSlug"/>), projected to
    /// the selection, through a query compiled once per lookup and selection (<see cref="CompiledQueries"/>).
    /// </summary>
    public async Task<T?> SingleAsync<T>(IResolveFieldContext context, EntityModel<T> model, SlugLookup<T> lookup, string? slug, string? eventSlug = null)
        where T : class
    {
        var shape = new SingleQueryShape<T>(lookup, SelectionCollector.CollectShared(context, context.FieldAst.SelectionSet, NodeType(context, model)));
        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        var query = compiledQueries.GetOrCompile(db, shape, static shape => shape.Compile());
        return await query(db, slug, eventSlug, context.CancellationToken);
    }

    /// <summary>
    /// Items by id, batched across every resolver of this field occurrence (<c>node</c>, <c>nodes</c>, references).
    /// <paramref name="nodeType"/> is the concrete type whose selection is projected.
    /// </summary>
    public IDataLoaderResult<T?> ById<T>(IResolveFieldContext context, EntityModel<T> model, IObjectGraphType nodeType, int id)
        where T : class
    {
        var loader = loaders.GetOrAdd(context.FieldAst, nodeType.Name, (Queries: this, Context: context, Model: model, NodeType: nodeType),
            static state => state.Queries.ByIdLoader(state.Context, state.Model, state.NodeType));
        return loader.Load(id);
    }

    private BatchLoader<int, T?> ByIdLoader<T>(IResolveFieldContext context, EntityModel<T> model, IObjectGraphType nodeType)
        where T : class
    {
        var shape = new ByIdQueryShape<T>(model, SelectionCollector.CollectShared(context, context.FieldAst.SelectionSet, nodeType));
        return new BatchLoader<int, T?>(async (ids, cancellationToken) =>
        {
            await using var db = contexts.CreateDbContext(access.IncludeDrafts);
            var rows = new Dictionary<int, T?>(ids.Count);
            await foreach (var row in compiledQueries.GetOrCompile(db, shape, static shape => shape.Compile())(db, [.. ids]).WithCancellation(cancellationToken))
            {
                rows[model.IdOf(row)] = row;
            }

            return rows;
        });
    }

    /// <summary>
    /// The children of one parent (a session's presenters, a day's slots), loaded for all parents of this
    /// field occurrence in one statement, filtered, ordered and projected as the field asks.
    /// </summary>
    public IDataLoaderResult<IEnumerable<T>> Children<TLink, T>(IResolveFieldContext context, EntityModel<T> model, int parentId, ChildLink<TLink, T> source)
        where TLink : class
        where T : class
    {
        // Called once per parent row: the state overload keeps the common case (the loader exists) free of allocations.
        var loader = loaders.GetOrAdd(context.FieldAst, "children", (Queries: this, Context: context, Model: model, Source: source),
            static state => state.Queries.ChildrenLoader(state.Context, state.Model, state.Source));
        return loader.Load(parentId);
    }

    private BatchLoader<int, IEnumerable<T>> ChildrenLoader<TLink, T>(IResolveFieldContext context, EntityModel<T> model, ChildLink<TLink, T> source)
        where TLink : class
        where T : class
    {
        var where = context.GetArgument<Dictionary<string, object?>?>("where");
        var filter = where is null ? null : Expression.Lambda<Func<TLink, bool>>(FilterTranslator.Build(model, source.ChildAccess, where, "where"), source.Link);
        var shape = new ChildQueryShape<TLink, T>(source,
            SelectionCollector.CollectShared(context, context.FieldAst.SelectionSet, NodeType(context, model)),
            SortTranslator.Translate(model, context.GetArgument<object?>("order") as IEnumerable),
            sortsNullsFirst);
        return new BatchLoader<int, IEnumerable<T>>(async (parentIds, cancellationToken) =>
        {
            await using var db = contexts.CreateDbContext(access.IncludeDrafts);
            // A filter's values are part of its expression, so only unfiltered lists share a compiled query.
            var children = filter is null
                ? compiledQueries.GetOrCompile(db, shape, static shape => shape.Compile())(db, [.. parentIds])
                : shape.Query(source.LinksOf(db), ExpressionTools.Parameter(parentIds.ToList()), filter).AsNoTracking().AsAsyncEnumerable();
            var byParent = new Dictionary<int, IEnumerable<T>>(parentIds.Count);
            await foreach (var row in children.WithCancellation(cancellationToken))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byParent, row.Key, out _);
                ((List<T>)(list ??= new List<T>())).Add(row.Value);
            }

            return byParent;
        }, missing: []);
    }

    private static IQueryable<T> Filter<T>(IQueryable<T> query, EntityModel<T> model, Dictionary<string, object?>? where)
        where T : class
    {
        var predicate = FilterTranslator.Translate<T>(model, where);
        return predicate is null ? query : query.Where(predicate);
    }

    private static IObjectGraphType NodeType(IResolveFieldContext context, EntityModel model) =>
        context.Schema.AllTypes[model.GraphTypeName] as IObjectGraphType
        ?? throw new InvalidOperationException($"The schema has no object type {model.GraphTypeName}.");
}

/// <summary>What the current request may see: set per request from its credentials.</summary>
public sealed class ContentAccess
{
    public bool IncludeDrafts { get; set; }
}
