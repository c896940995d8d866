using System.ComponentModel;
using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// One key of a resolved order. <see cref="Key"/> yields a nullable value; <see cref="Path"/> is the member
/// chain it reads, used both to project the key's columns and to read a row's cursor values.
/// </summary>
public sealed record OrderKey(LambdaExpression Key, bool Descending, bool Nullable, IReadOnlyList<MemberInfo> Path, string Name);

/// <summary>
/// Turns an <c>order:</c> argument into keys, followed by the entity's default order and its unique id, so
/// every order is total and every page deterministic.
/// </summary>
public static class SortTranslator
{
    /// <summary>Names of the keys the translator appends after the client's.</summary>
    public const string DefaultKeyName = "default";

    public const string IdKeyName = "id";

    // Keys are immutable, so a model's order without client keys is built once and shared by every request.
    private static readonly ConcurrentDictionary<EntityModel, IReadOnlyList<OrderKey>> DefaultOrders = new();

    // NullabilityInfoContext reads attributes on every call and is not thread-safe: each member is asked once.
    private static readonly ConcurrentDictionary<MemberInfo, bool> NullableMembers = new();

    public static IReadOnlyList<OrderKey> Translate(EntityModel model, IEnumerable? order) =>
        order is null ? DefaultOrders.GetOrAdd(model, m => Build(m, null)) : Build(model, order);

    private static List<OrderKey> Build(EntityModel model, IEnumerable? order)
    {
        var parameter = Expression.Parameter(model.EntityType, "e");
        var keys = new List<OrderKey>();
        if (order is not null)
        {
            var index = 0;
            foreach (var item in order)
            {
                var path = $"order[{index++}]";
                var fields = item as IDictionary<string, object?>
                    ?? throw new QueryArgumentException($"'{path}' must be an input object.", "SORT_INVALID");
                if (fields.Count(f => f.Value is not null) != 1)
                {
                    throw new QueryArgumentException(
                        $"Each element of 'order' names exactly one field; '{path}' names {fields.Count(f => f.Value is not null)}. Use several elements for several keys.",
                        "SORT_INVALID");
                }

                var (name, value) = fields.Single(f => f.Value is not null);
                AddKey(keys, model, parameter, parameter, name, value!, $"{path}.{name}");
            }
        }

        foreach (var key in model.DefaultOrder)
        {
            var defaultKey = Create(ExpressionTools.Inline(key.Key, parameter), parameter, key.Descending, DefaultKeyName);
            // A key the client already sorts by adds nothing but cursor length.
            if (!keys.Any(k => k.Path.SequenceEqual(defaultKey.Path)))
            {
                keys.Add(defaultKey);
            }
        }

        keys.Add(Create(ExpressionTools.Inline(model.IdKey, parameter), parameter, descending: false, IdKeyName));
        return keys;
    }

    private static void AddKey(List<OrderKey> keys, EntityModel model, ParameterExpression root, Expression target, string name, object value, string path)
    {
        var member = model.Find(name);
        if (member is null || !member.Sortable)
        {
            throw new QueryArgumentException($"The sort field '{path}' is not supported.", "SORT_INVALID");
        }

        var access = member.Access(target);
        if (member.Kind == MemberKind.Reference)
        {
            var nested = value as IDictionary<string, object?>
                ?? throw new QueryArgumentException($"'{path}' must be an input object.", "SORT_INVALID");
            var set = nested.Where(f => f.Value is not null).ToList();
            if (set.Count != 1)
            {
                throw new QueryArgumentException($"'{path}' must name exactly one field.", "SORT_INVALID");
            }

            AddKey(keys, member.TargetModel, root, access, set[0].Key, set[0].Value!, $"{path}.{set[0].Key}");
            return;
        }

        var descending = value switch
        {
            SortDirection.Asc => false,
            SortDirection.Desc => true,
            _ => throw new QueryArgumentException($"'{path}' must be ASC or DESC.", "SORT_INVALID"),
        };
        keys.Add(Create(access, root, descending, path));
    }

    private static OrderKey Create(Expression access, ParameterExpression root, bool descending, string name)
    {
        var lambda = Expression.Lambda(access, root);
        var path = ExpressionTools.MemberPath(lambda)
            ?? throw new InvalidOperationException($"Sort key {access} is not a member chain.");
        // A key read through an optional navigation is null when the navigation is.
        var nullable = path.SkipLast(1).Any(m => ((PropertyInfo)m).PropertyType.GetProperty("Id") is not null) || IsNullable(path[^1]);
        var type = nullable ? ExpressionTools.Nullable(access.Type) : access.Type;
        var key = Expression.Lambda(type == access.Type ? access : Expression.Convert(access, type), root);
        return new OrderKey(key, descending, nullable, path, name);
    }

    private static bool IsNullable(MemberInfo member) =>
        NullableMembers.GetOrAdd(member, m => m is PropertyInfo property && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable);
}

/// <summary>HotChocolate's <c>SortEnumType</c>.</summary>
[Description("Sort direction.")]
public enum SortDirection
{
    [Description("Ascending: smallest first; nulls first.")]
    Asc,
    [Description("Descending: largest first; nulls last.")]
    Desc,
}
