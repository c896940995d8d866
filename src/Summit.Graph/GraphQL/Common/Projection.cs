using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

/// <summary>The members a query must read, as a tree: <c>Slot → StartsAt</c>, <c>Abstract → Html</c>.</summary>
public sealed class ProjectionTree
{
    private readonly Dictionary<MemberInfo, ProjectionTree> children = [];

    public IReadOnlyDictionary<MemberInfo, ProjectionTree> Children => children;

    public void Add(IReadOnlyList<MemberInfo> path)
    {
        var node = this;
        foreach (var member in path)
        {
            if (!node.children.TryGetValue(member, out var child))
            {
                child = new ProjectionTree();
                node.children.Add(member, child);
            }

            node = child;
        }
    }

    public void Add(LambdaExpression member) =>
        Add(ExpressionTools.MemberPath(member) ?? throw new InvalidOperationException($"{member} is not a member chain."));
}

/// <summary>
/// Builds <c>e =&gt; new Session { Id = e.Id, Title = e.Title, Slot = e.Slot == null ? null : new Slot { ... } }</c>
/// from a <see cref="ProjectionTree"/>, so EF Core selects exactly the columns and joins the request needs.
/// </summary>
public static class ProjectionBuilder
{
    private const string KeyMember = "Id";

    public static Expression<Func<T, T>> Build<T>(ProjectionTree tree)
    {
        var parameter = Expression.Parameter(typeof(T), "e");
        return Expression.Lambda<Func<T, T>>(Build(parameter, typeof(T), tree), parameter);
    }

    /// <summary>The projection of <paramref name="source"/>, any expression of an entity or value-object type.</summary>
    public static Expression Build(Expression source, Type type, ProjectionTree tree)
    {
        var bindings = new List<MemberBinding>();
        var key = type.GetProperty(KeyMember);
        if (key is not null && !tree.Children.Keys.Any(m => m.Name == KeyMember))
        {
            bindings.Add(Expression.Bind(key, Expression.Property(source, key)));
        }

        foreach (var (member, child) in tree.Children)
        {
            var value = Expression.MakeMemberAccess(source, member);
            if (child.Children.Count == 0)
            {
                bindings.Add(Expression.Bind(member, value));
                continue;
            }

            var memberType = ((PropertyInfo)member).PropertyType;
            var nested = Build(value, memberType, child);
            // Entities (they have an Id) are optional navigations; value objects such as RichText are always present.
            bindings.Add(Expression.Bind(member, memberType.GetProperty(KeyMember) is null
                ? nested
                : Expression.Condition(Expression.Equal(value, Expression.Constant(null, memberType)), Expression.Constant(null, memberType), nested)));
        }

        return Expression.MemberInit(Expression.New(type), bindings);
    }
}
