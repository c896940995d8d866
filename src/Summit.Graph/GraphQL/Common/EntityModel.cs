using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Summit.Graph.GraphQL.Common;

/// <summary>How a scalar member is filtered: decides its <c>XOperationFilterInput</c> type.</summary>
public enum ScalarFilter
{
    None,
    String,
    Int,
    DateTime,
    Boolean,
    Enum,
}

public enum MemberKind
{
    /// <summary>A column (or a column of a complex type).</summary>
    Scalar,
    /// <summary>A to-one navigation: filtered and sorted through a nested input.</summary>
    Reference,
    /// <summary>A to-many navigation: filtered with <c>some/all/none/any</c>.</summary>
    Collection,
}

/// <summary>One filterable or sortable member of an entity, as the GraphQL inputs name it.</summary>
public sealed record ModelMember(
    string Name,
    string Description,
    LambdaExpression Expression,
    MemberKind Kind,
    Type ValueType,
    ScalarFilter Filter,
    bool Sortable,
    Func<EntityModel>? Target)
{
    /// <summary>The related entity's model for references and collections (resolved lazily: models refer to each other).</summary>
    public EntityModel TargetModel => Target?.Invoke() ?? throw new InvalidOperationException($"{Name} is not a relation.");
}

/// <summary>
/// The single description of an entity that the <c>where</c> and <c>order</c> input types, their
/// translation to LINQ and the keyset cursors are all generated from, so no type spells them out by hand.
/// </summary>
public abstract class EntityModel
{
    private readonly List<ModelMember> members = [];

    protected EntityModel(string graphTypeName, Type entityType)
    {
        GraphTypeName = graphTypeName;
        EntityType = entityType;
    }

    public string GraphTypeName { get; }

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

public abstract class EntityModel<TEntity> : EntityModel
    where TEntity : class
{
    protected EntityModel(string graphTypeName)
        : base(graphTypeName, typeof(TEntity))
    {
    }

    public override IDataLoaderResult<object?> LoadById(IResolveFieldContext context, IObjectGraphType nodeType, int id) =>
        context.Queries().ById(context, this, nodeType, id).Then(entity => (object?)entity);

    protected void Scalar<TValue>(string name, Expression<Func<TEntity, TValue>> member, string description, bool sortable = true) =>
        Add(new ModelMember(name, description, member, MemberKind.Scalar, typeof(TValue), FilterFor(typeof(TValue)), sortable, null));

    protected void Reference<TTarget>(string name, Expression<Func<TEntity, TTarget?>> navigation, Func<EntityModel<TTarget>> target, string description)
        where TTarget : class =>
        Add(new ModelMember(name, description, navigation, MemberKind.Reference, typeof(TTarget), ScalarFilter.None, true, target));

    protected void Collection<TTarget>(string name, Expression<Func<TEntity, IEnumerable<TTarget>>> items, Func<EntityModel<TTarget>> target, string description)
        where TTarget : class =>
        Add(new ModelMember(name, description, items, MemberKind.Collection, typeof(TTarget), ScalarFilter.None, false, target));

    /// <summary>Types a key lambda for <see cref="DefaultOrder"/> and <see cref="EntityModel.IdKey"/>.</summary>
    protected static LambdaExpression Key<TKey>(Expression<Func<TEntity, TKey>> key) => key;

    private static ScalarFilter FilterFor(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => ScalarFilter.String,
            _ when underlying == typeof(int) => ScalarFilter.Int,
            _ when underlying == typeof(DateTime) => ScalarFilter.DateTime,
            _ when underlying == typeof(bool) => ScalarFilter.Boolean,
            _ when underlying.IsEnum => ScalarFilter.Enum,
            _ => throw new InvalidOperationException($"No filter is defined for members of type {type.Name}."),
        };
    }
}

/// <summary>One key of an order: an expression over the entity and its direction.</summary>
public sealed record SortKey(LambdaExpression Key, bool Descending);
