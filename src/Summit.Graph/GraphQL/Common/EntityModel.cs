using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Summit.Graph.GraphQL.Common;

/// <summary>How a scalar member is filtered: decides its <c>XOperationFilterInput</c> type (HotChocolate's runtime type bindings).</summary>
public enum ScalarFilter
{
    None,
    /// <summary><c>StringOperationFilterInput</c>: equality, lists, text matches (and this server's <c>*IgnoreCase</c>).</summary>
    String,
    /// <summary><c>IntOperationFilterInput</c>, <c>DateTimeOperationFilterInput</c>, <c>LocalDateOperationFilterInput</c>, <c>LocalTimeOperationFilterInput</c>: equality, lists, comparisons.</summary>
    Comparable,
    /// <summary><c>BooleanOperationFilterInput</c>: <c>eq</c>, <c>neq</c>.</summary>
    Boolean,
    /// <summary><c>XOperationFilterInput</c> of an enum: equality and lists.</summary>
    Enum,
    /// <summary><c>IdOperationFilterInput</c>: equality and lists of global IDs of the member's entity.</summary>
    Id,
}

public enum MemberKind
{
    /// <summary>A column (or a column of a complex type).</summary>
    Scalar,
    /// <summary>A to-one navigation: filtered and sorted through a nested input.</summary>
    Reference,
    /// <summary>A to-many navigation: filtered with <c>some/all/none/any</c>.</summary>
    Collection,
    /// <summary>A value object (rich text, a list of owned values): projected whole, neither filtered nor sorted.</summary>
    Object,
}

/// <summary>Who may read a field.</summary>
public enum FieldAccess
{
    Everyone,
    /// <summary>Editors and previewers only (<see cref="ResolveFieldContextExtensions.RequireDraftAccess"/>).</summary>
    DraftReaders,
}

/// <summary>
/// One member of an entity: its GraphQL field, and what its <c>where</c> and <c>order</c> inputs offer. Scalars and
/// enums are filtered and sorted unless declared with <c>filterable: false</c> / <c>sortable: false</c> (HotChocolate's
/// descriptor <c>Ignore</c> on a filter or sort type).
/// </summary>
public sealed record ModelMember(
    string Name,
    string Description,
    LambdaExpression? Expression,
    MemberKind Kind,
    Type ValueType,
    ScalarFilter Filter,
    bool Sortable,
    Func<EntityModel>? Target)
{
    /// <summary>The related entity's model for references and collections (resolved lazily: models refer to each other).</summary>
    public EntityModel TargetModel => Target?.Invoke() ?? throw new InvalidOperationException($"{Name} is not a relation.");

    /// <summary>For the <c>id</c> member: the type name its global IDs carry.</summary>
    public string? GlobalIdType { get; init; }

    /// <summary>Whether the field may be null.</summary>
    public bool Nullable { get; init; }

    /// <summary>The field's graph type for <see cref="MemberKind.Object"/> members.</summary>
    public Type? GraphType { get; init; }

    /// <summary>The children of one entity, for a collection's list field; null when the collection is a filter only.</summary>
    public Func<IResolveFieldContext, int, object?>? LoadChildren { get; init; }

    /// <summary>HotChocolate's <c>@listSize(assumedSize:)</c> of a collection's list field; null for the default estimate.</summary>
    public int? AssumedSize { get; init; }

    /// <summary>Whether a collection's list field takes <c>where</c> and <c>order</c>.</summary>
    public bool ListArguments { get; init; }

    public FieldAccess ReadAccess { get; init; }

    /// <summary>Whether the member appears in the entity's filter input (collections: when reachable from the entity in SQL).</summary>
    public bool Filterable => Filter != ScalarFilter.None || Kind is MemberKind.Reference || (Kind is MemberKind.Collection && Expression is not null);

    /// <summary>The member read from <paramref name="target"/>, an expression of the entity.</summary>
    public Expression Access(Expression target) =>
        ExpressionTools.Inline(Expression ?? throw new InvalidOperationException($"{Name} is not reachable from its entity."), target);
}

/// <summary>
/// The one declaration of an entity's GraphQL surface: its object type (<see cref="EntityGraphType{T}"/> builds every
/// field from it), its <c>where</c> and <c>order</c> input types, their translation to LINQ, its projection and its
/// keyset cursors. Adding a column to an entity and one <c>Column(...)</c> line here exposes, filters, sorts and
/// projects it.
/// </summary>
public abstract class EntityModel
{
    private readonly List<ModelMember> members = [];

    protected EntityModel(string graphTypeName, string description, Type entityType)
    {
        GraphTypeName = graphTypeName;
        Description = description;
        EntityType = entityType;
    }

    public string GraphTypeName { get; }

    /// <summary>Whether the type implements <c>Node</c>.</summary>
    public abstract bool IsNode { get; }

    public string Description { get; }

    public Type EntityType { get; }

    public IReadOnlyList<ModelMember> Members => members;

    public ModelMember? Find(string name) => members.Find(m => m.Name == name);

    /// <summary>Loads one object by id (batched per field), projected to the selection on <paramref name="nodeType"/>.</summary>
    public abstract IDataLoaderResult<object?> LoadById(IResolveFieldContext context, IObjectGraphType nodeType, int id);

    /// <summary>The order applied after the client's keys (and alone when there are none).</summary>
    public abstract IReadOnlyList<SortKey> DefaultOrder { get; }

    /// <summary>The unique key every order ends with, so keyset cursors are unambiguous.</summary>
    public abstract LambdaExpression IdKey { get; }

    protected void Add(ModelMember member) => members.Add(member);
}

/// <summary>
/// The declaration methods. Nullability is read from the C# declaration (nullable reference annotations and
/// <see cref="Nullable{T}"/>), as HotChocolate infers it; <c>DateTime</c> columns take the <c>timeZone</c> argument.
/// </summary>
public abstract class EntityModel<TEntity> : EntityModel
    where TEntity : class
{
    /// <param name="graphTypeName">The object type's name, also the prefix of its filter and sort inputs.</param>
    /// <param name="description">The object type's description.</param>
    /// <param name="id">The database key: every order ends with it, and nodes' global IDs encode it.</param>
    /// <param name="node">Whether the type is a Relay <c>Node</c> with an <c>id</c> field (filtered and sorted like a column).</param>
    protected EntityModel(string graphTypeName, string description, Expression<Func<TEntity, int>> id, bool node = true)
        : base(graphTypeName, description, typeof(TEntity))
    {
        IdKey = id;
        IdOf = id.Compile();
        IsNode = node;
        if (node)
        {
            Add(new ModelMember("id", $"The global ID of the {graphTypeName}.", id, MemberKind.Scalar, typeof(int), ScalarFilter.Id, true, null)
            {
                GlobalIdType = graphTypeName,
            });
        }
    }

    public override bool IsNode { get; }

    public override LambdaExpression IdKey { get; }

    /// <summary>The entity's database id.</summary>
    public Func<TEntity, int> IdOf { get; }

    public override IDataLoaderResult<object?> LoadById(IResolveFieldContext context, IObjectGraphType nodeType, int id) =>
        context.Queries().ById(context, this, nodeType, id).Then(entity => (object?)entity);

    /// <summary>A scalar or enum column: a field, a filter field and a sort field.</summary>
    protected void Column<TValue>(string name, Expression<Func<TEntity, TValue>> member, string description, bool filterable = true, bool sortable = true, FieldAccess access = FieldAccess.Everyone) =>
        Add(new ModelMember(name, description, member, MemberKind.Scalar, typeof(TValue), filterable ? FilterFor(typeof(TValue)) : ScalarFilter.None, sortable, null)
        {
            Nullable = IsNullable(member),
            ReadAccess = access,
        });

    /// <summary>A value object (Markdown with its HTML, a list of owned values) shown through <typeparamref name="TGraphType"/>.</summary>
    protected void Object<TGraphType, TValue>(string name, Expression<Func<TEntity, TValue>> member, string description)
        where TGraphType : IGraphType =>
        Add(new ModelMember(name, description, member, MemberKind.Object, typeof(TValue), ScalarFilter.None, false, null) { GraphType = typeof(TGraphType) });

    /// <summary>A to-one navigation: a field projected into the same query, a nested filter and a nested sort.</summary>
    protected void Reference<TTarget>(string name, Expression<Func<TEntity, TTarget?>> navigation, Func<EntityModel<TTarget>> target, string description, bool nullable)
        where TTarget : class =>
        Add(new ModelMember(name, description, navigation, MemberKind.Reference, typeof(TTarget), ScalarFilter.None, true, target) { Nullable = nullable });

    /// <summary>
    /// A to-many navigation: a list field loaded through <paramref name="link"/> for all parents at once, with
    /// <c>where</c> and <c>order</c>, and <c>some/all/none/any</c> in this entity's filter.
    /// </summary>
    protected void Collection<TLink, TTarget>(string name, Expression<Func<TEntity, IEnumerable<TTarget>>> items, Func<EntityModel<TTarget>> target, string description, ChildLink<TLink, TTarget> link, int? assumedSize = null)
        where TLink : class
        where TTarget : class =>
        Add(new ModelMember(name, description, items, MemberKind.Collection, typeof(TTarget), ScalarFilter.None, false, target)
        {
            LoadChildren = (context, parentId) => context.Queries().Children(context, target(), parentId, link),
            AssumedSize = assumedSize,
            ListArguments = true,
        });

    /// <summary>A list field of related rows that is neither filtered by nor takes filters (a history, a join with roles).</summary>
    protected void Children<TLink, TTarget>(string name, Func<EntityModel<TTarget>> target, string description, ChildLink<TLink, TTarget> link, int assumedSize, FieldAccess access = FieldAccess.Everyone)
        where TLink : class
        where TTarget : class =>
        Add(new ModelMember(name, description, null, MemberKind.Collection, typeof(TTarget), ScalarFilter.None, false, target)
        {
            LoadChildren = (context, parentId) => context.Queries().Children(context, target(), parentId, link),
            AssumedSize = assumedSize,
            ReadAccess = access,
        });

    /// <summary>Types a key lambda for <see cref="EntityModel.DefaultOrder"/>.</summary>
    protected static LambdaExpression Key<TKey>(Expression<Func<TEntity, TKey>> key) => key;

    private static bool IsNullable(LambdaExpression member)
    {
        if (member.ReturnType.IsValueType)
        {
            return System.Nullable.GetUnderlyingType(member.ReturnType) is not null;
        }

        return member.Body is MemberExpression { Member: PropertyInfo property }
            && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
    }

    private static ScalarFilter FilterFor(Type type)
    {
        var underlying = System.Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => ScalarFilter.String,
            _ when underlying == typeof(int) || underlying == typeof(DateTime) || underlying == typeof(DateOnly) || underlying == typeof(TimeOnly) => ScalarFilter.Comparable,
            _ when underlying == typeof(bool) => ScalarFilter.Boolean,
            _ when underlying.IsEnum => ScalarFilter.Enum,
            _ => throw new InvalidOperationException($"No filter is defined for members of type {type.Name}; declare it with filterable: false."),
        };
    }
}

/// <summary>One key of an order: an expression over the entity and its direction.</summary>
public sealed record SortKey(LambdaExpression Key, bool Descending);

/// <summary>Finds the entity declarations of an assembly, so no list of entities is kept by hand.</summary>
public static class EntityModels
{
    /// <summary>Every <see cref="EntityModel"/> declared in <paramref name="assembly"/> (each a singleton in a static <c>Instance</c> field).</summary>
    public static IReadOnlyList<EntityModel> All(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(EntityModel)) && !type.IsAbstract)
            .Select(type => (EntityModel)(type.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                ?? throw new InvalidOperationException($"{type.Name} declares no static Instance.")))
            .OrderBy(model => model.GraphTypeName, StringComparer.Ordinal)];

    /// <summary>
    /// The models some list filters or sorts: the targets of lists with <c>where</c>/<c>order</c> and every model their
    /// filters reach through references and collections. Only these get <c>XFilterInput</c> and <c>XSortInput</c>,
    /// as HotChocolate creates filter types only for the fields that use them.
    /// </summary>
    public static IReadOnlyList<EntityModel> Filterable(Assembly assembly)
    {
        var all = All(assembly);
        var found = new List<EntityModel>();
        var pending = new Queue<EntityModel>(all.SelectMany(m => m.Members).Where(m => m.ListArguments).Select(m => m.TargetModel));
        while (pending.TryDequeue(out var model))
        {
            if (found.Contains(model))
            {
                continue;
            }

            found.Add(model);
            foreach (var member in model.Members.Where(m => m.Filterable && m.Target is not null))
            {
                pending.Enqueue(member.TargetModel);
            }
        }

        return [.. all.Where(found.Contains)];
    }
}
