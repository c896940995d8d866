using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

internal static class ExpressionTools
{
    private static readonly MethodInfo ListContains = typeof(List<int>).GetMethod(nameof(List<int>.Contains))!;

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="target"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression target) =>
        new ParameterReplacer(lambda.Parameters[0], target).Visit(lambda.Body);

    /// <summary>
    /// A value EF Core sends as a SQL parameter rather than inlining it: user input never becomes SQL text,
    /// and the query plan cache is not flooded by distinct literals.
    /// </summary>
    public static Expression Parameter(object? value, Type type)
    {
        var holder = HolderFactories.GetOrAdd(type, CreateHolderFactory)(value);
        return Expression.Property(Expression.Constant(holder), holder.ValueProperty);
    }

    /// <summary>The typed form, for values whose type is known at compile time (batch keys).</summary>
    public static Expression Parameter<T>(T value) =>
        Expression.Property(Expression.Constant(new ValueHolder<T>(value)), ValueHolder<T>.Property);

    /// <summary><c>ids.Contains(id)</c> for an expression of a <c>List&lt;int&gt;</c>: a batch's ids, one SQL parameter.</summary>
    public static Expression IdIn(Expression ids, Expression id) => Expression.Call(ids, ListContains, id);

    /// <summary>The chain of members a lambda like <c>s =&gt; s.Slot.StartsAt</c> reads, outermost first.</summary>
    public static IReadOnlyList<MemberInfo>? MemberPath(LambdaExpression lambda)
    {
        var members = new List<MemberInfo>();
        var current = StripConvert(lambda.Body);
        while (current is MemberExpression member)
        {
            members.Insert(0, member.Member);
            current = StripConvert(member.Expression!);
        }

        return current == lambda.Parameters[0] && members.Count > 0 ? members : null;
    }

    /// <summary>Reads a member path from an object, yielding null when any step is null.</summary>
    public static object? Evaluate(IReadOnlyList<MemberInfo> path, object? source)
    {
        foreach (var member in path)
        {
            if (source is null)
            {
                return null;
            }

            source = ((PropertyInfo)member).GetValue(source);
        }

        return source;
    }

    public static Type Nullable(Type type) =>
        type.IsValueType && System.Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

    private static Expression StripConvert(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? StripConvert(convert.Operand) : expression;

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }

    // Building a holder through reflection on every filter value and batch was measurable per request.
    private static readonly ConcurrentDictionary<Type, Func<object?, IValueHolder>> HolderFactories = new();

    private static Func<object?, IValueHolder> CreateHolderFactory(Type type) =>
        typeof(ExpressionTools).GetMethod(nameof(CreateHolder), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<object?, IValueHolder>>();

    private static ValueHolder<T> CreateHolder<T>(object? value) => new((T)value!);

    private interface IValueHolder
    {
        PropertyInfo ValueProperty { get; }
    }

    private sealed class ValueHolder<T>(T value) : IValueHolder
    {
        public static readonly PropertyInfo Property = typeof(ValueHolder<T>).GetProperty(nameof(Value))!;

        public T Value { get; } = value;

        public PropertyInfo ValueProperty => Property;
    }
}
