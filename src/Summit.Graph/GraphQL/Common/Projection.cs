using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// The members a query must read, as a tree: <c>Slot → StartsAt</c>, <c>Abstract → Html</c>. Two trees are equal when
/// they read the same members, in whatever order they were added.
/// </summary>
public sealed class ProjectionTree : IEquatable<ProjectionTree>
{
    private static readonly Dictionary<MemberInfo, ProjectionTree> NoChildren = [];

    // Most members are leaves (a column): they get no dictionary of their own.
    private Dictionary<MemberInfo, ProjectionTree>? children;
    private bool frozen;
    private int hash;

    public IReadOnlyDictionary<MemberInfo, ProjectionTree> Children => children ?? NoChildren;

    /// <summary>Adds the chain <paramref name="path"/> (outermost member first) and returns the node of its last member.</summary>
    public ProjectionTree Add(IReadOnlyList<MemberInfo> path)
    {
        if (frozen)
        {
            throw new InvalidOperationException("A shared projection tree is read-only.");
        }

        var node = this;
        for (var i = 0; i < path.Count; i++)
        {
            node.children ??= [];
            if (!node.children.TryGetValue(path[i], out var child))
            {
                child = new ProjectionTree();
                node.children.Add(path[i], child);
            }

            node = child;
        }

        return node;
    }

    public void Add(LambdaExpression member) =>
        Add(ExpressionTools.MemberPath(member) ?? throw new InvalidOperationException($"{member} is not a member chain."));

    /// <summary>Makes this tree and its nodes read-only, so that it can be shared, and remembers its hash code.</summary>
    public ProjectionTree Freeze()
    {
        foreach (var child in Children.Values)
        {
            child.Freeze();
        }

        hash = ComputeHashCode();
        frozen = true;
        return this;
    }

    public bool Equals(ProjectionTree? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Children.Count != other.Children.Count || (frozen && other.frozen && hash != other.hash))
        {
            return false;
        }

        foreach (var (member, child) in Children)
        {
            if (!other.Children.TryGetValue(member, out var otherChild) || !child.Equals(otherChild))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ProjectionTree);

    public override int GetHashCode() => frozen ? hash : ComputeHashCode();

    private int ComputeHashCode()
    {
        // A sum, so that the order members were added in does not change it.
        var sum = Children.Count;
        foreach (var (member, child) in Children)
        {
            sum += HashCode.Combine(member, child.GetHashCode());
        }

        return sum;
    }
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
