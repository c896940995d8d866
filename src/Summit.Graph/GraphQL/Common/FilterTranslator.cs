using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Turns a <c>where:</c> argument (HotChocolate's filter shapes) into a LINQ predicate that EF Core
/// translates to SQL. Every value becomes a SQL parameter; anything that cannot be translated is a
/// <see cref="QueryArgumentException"/>, never an in-memory evaluation.
/// </summary>
public static class FilterTranslator
{
    /// <summary>Extra operations beyond HotChocolate's, which match case-insensitively on every database.</summary>
    public const string IgnoreCaseSuffix = "IgnoreCase";

    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo StringToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    // Enumerable.Any/All by name and arity: searching Enumerable's few hundred methods per filter was measurable.
    private static readonly Dictionary<(string Name, int Arity), MethodInfo> EnumerableMethods = typeof(Enumerable).GetMethods()
        .Where(m => m.Name is nameof(Enumerable.Any) or nameof(Enumerable.All))
        .ToDictionary(m => (m.Name, m.GetParameters().Length));

    public static Expression<Func<T, bool>>? Translate<T>(EntityModel model, IDictionary<string, object?>? where)
    {
        if (where is null || where.Count == 0)
        {
            return null;
        }

        var parameter = Expression.Parameter(typeof(T), "e");
        return Expression.Lambda<Func<T, bool>>(Build(model, parameter, where, "where"), parameter);
    }

    /// <summary>The predicate body for <paramref name="target"/>, an expression of the model's entity type.</summary>
    public static Expression Build(EntityModel model, Expression target, IDictionary<string, object?> where, string path)
    {
        var conditions = new List<Expression>();
        foreach (var (name, value) in where)
        {
            if (value is null)
            {
                continue;
            }

            var fieldPath = $"{path}.{name}";
            conditions.Add(name switch
            {
                "and" => Combine(Items(value, fieldPath).Select((item, i) => Build(model, target, item, $"{fieldPath}[{i}]")), Expression.AndAlso, fieldPath),
                "or" => Combine(Items(value, fieldPath).Select((item, i) => Build(model, target, item, $"{fieldPath}[{i}]")), Expression.OrElse, fieldPath),
                _ => BuildMember(model.Find(name) is { Filterable: true } member ? member : throw Unknown(fieldPath), target, value, fieldPath),
            });
        }

        return conditions.Count == 0 ? Expression.Constant(true) : Balanced(conditions, Expression.AndAlso);
    }

    private static Expression BuildMember(ModelMember member, Expression target, object value, string path)
    {
        var access = member.Access(target);
        var input = AsObject(value, path);
        switch (member.Kind)
        {
            case MemberKind.Reference:
                return Expression.AndAlso(
                    Expression.NotEqual(access, Expression.Constant(null, access.Type)),
                    Build(member.TargetModel, access, input, path));
            case MemberKind.Collection:
                return BuildCollection(member, access, input, path);
            default:
                return BuildOperations(member, access, input, path);
        }
    }

    private static Expression BuildCollection(ModelMember member, Expression items, IDictionary<string, object?> input, string path)
    {
        var conditions = new List<Expression>();
        foreach (var (operation, value) in input)
        {
            if (value is null)
            {
                continue;
            }

            var operationPath = $"{path}.{operation}";
            conditions.Add(operation switch
            {
                "some" => CallEnumerable(nameof(Enumerable.Any), member.ValueType, items, Predicate(member, AsObject(value, operationPath), operationPath)),
                "none" => Expression.Not(CallEnumerable(nameof(Enumerable.Any), member.ValueType, items, Predicate(member, AsObject(value, operationPath), operationPath))),
                "all" => CallEnumerable(nameof(Enumerable.All), member.ValueType, items, Predicate(member, AsObject(value, operationPath), operationPath)),
                "any" => value is true
                    ? CallEnumerable(nameof(Enumerable.Any), member.ValueType, items, null)
                    : Expression.Not(CallEnumerable(nameof(Enumerable.Any), member.ValueType, items, null)),
                _ => throw Unknown(operationPath),
            });
        }

        return conditions.Count == 0 ? Expression.Constant(true) : Balanced(conditions, Expression.AndAlso);
    }

    private static LambdaExpression Predicate(ModelMember member, IDictionary<string, object?> input, string path)
    {
        var item = Expression.Parameter(member.ValueType, "x");
        return Expression.Lambda(Build(member.TargetModel, item, input, path), item);
    }

    private static MethodCallExpression CallEnumerable(string method, Type itemType, Expression items, LambdaExpression? predicate)
    {
        var arguments = predicate is null ? new[] { items } : [items, predicate];
        return Expression.Call(EnumerableMethods[(method, arguments.Length)].MakeGenericMethod(itemType), arguments);
    }

    private static Expression BuildOperations(ModelMember member, Expression access, IDictionary<string, object?> operations, string path)
    {
        var conditions = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            var operationPath = $"{path}.{operation}";
            if (operation is "and" or "or")
            {
                if (value is null)
                {
                    continue;
                }

                var parts = Items(value, operationPath).Select((item, i) => BuildOperations(member, access, item, $"{operationPath}[{i}]"));
                conditions.Add(Combine(parts, operation == "and" ? Expression.AndAlso : Expression.OrElse, operationPath));
                continue;
            }

            conditions.Add(BuildOperation(member, access, operation, value, operationPath));
        }

        return conditions.Count == 0 ? Expression.Constant(true) : Balanced(conditions, Expression.AndAlso);
    }

    private static readonly HashSet<string> PositiveOperations =
        ["eq", "in", "contains", "startsWith", "endsWith", "gt", "gte", "lt", "lte"];

    private static Expression BuildOperation(ModelMember member, Expression access, string operation, object? value, string path)
    {
        if (member.GlobalIdType is { } idType && value is not null)
        {
            value = value is IEnumerable ids and not string
                ? ids.Cast<object?>().Select(id => id is null ? null : (object)GlobalId.Decode(id as string, idType)).ToList()
                : GlobalId.Decode(value as string, idType);
        }

        var ignoreCase = operation.EndsWith(IgnoreCaseSuffix, StringComparison.Ordinal) && member.Filter == ScalarFilter.String;
        var name = ignoreCase ? operation[..^IgnoreCaseSuffix.Length] : operation;
        var negated = !PositiveOperations.Contains(name) && name.StartsWith('n') && PositiveOperations.Contains(name[1..]);
        var positive = negated ? name[1..] : name;

        var condition = positive switch
        {
            "eq" => Equal(access, value, ignoreCase),
            "in" => In(access, List(value, path), ignoreCase),
            "contains" or "startsWith" or "endsWith" when member.Filter == ScalarFilter.String =>
                StringCall(access, positive, RequireValue(value, path), ignoreCase),
            "gt" or "gte" or "lt" or "lte" when member.Filter is ScalarFilter.Comparable =>
                Compare(access, positive, RequireValue(value, path)),
            _ => throw Unknown(path),
        };
        return negated ? Expression.Not(condition) : condition;
    }

    private static Expression Equal(Expression access, object? value, bool ignoreCase)
    {
        if (value is null)
        {
            return ExpressionTools.Nullable(access.Type) == access.Type
                ? Expression.Equal(access, Expression.Constant(null, access.Type))
                : Expression.Constant(false);
        }

        return ignoreCase
            ? NotNullAnd(access, Expression.Equal(Lower(access), ExpressionTools.Parameter(((string)value).ToLowerInvariant())))
            : Expression.Equal(access, ExpressionTools.Parameter(Coerce(value, access.Type), access.Type));
    }

    private static Expression In(Expression access, IEnumerable values, bool ignoreCase)
    {
        var listType = typeof(List<>).MakeGenericType(access.Type);
        var list = (IList)Activator.CreateInstance(listType)!;
        var nullable = ExpressionTools.Nullable(access.Type) == access.Type;
        foreach (var value in values)
        {
            // Like eq: null, a null in the list matches rows without a value, so none where the member always has one.
            if (value is null && !nullable)
            {
                continue;
            }

            list.Add(ignoreCase ? (value as string)?.ToLowerInvariant() : Coerce(value, access.Type));
        }

        var contains = listType.GetMethod(nameof(List<object>.Contains))!;
        if (!ignoreCase)
        {
            return Expression.Call(ExpressionTools.Parameter(list, listType), contains, access);
        }

        var hasNull = list.Contains(null);
        list.Remove(null);
        var matches = NotNullAnd(access, Expression.Call(ExpressionTools.Parameter(list, listType), contains, Lower(access)));
        return hasNull ? Expression.OrElse(Expression.Equal(access, Expression.Constant(null, access.Type)), matches) : matches;
    }

    private static BinaryExpression StringCall(Expression access, string operation, object value, bool ignoreCase)
    {
        var method = operation switch
        {
            "contains" => StringContains,
            "startsWith" => StringStartsWith,
            _ => StringEndsWith,
        };
        var text = (string)value;
        return NotNullAnd(access, ignoreCase
            ? Expression.Call(Lower(access), method, ExpressionTools.Parameter(text.ToLowerInvariant()))
            : Expression.Call(access, method, ExpressionTools.Parameter(text)));
    }

    internal static Expression Compare(Expression access, string operation, object value)
    {
        var domain = System.Nullable.GetUnderlyingType(access.Type) ?? access.Type;
        if (domain.IsEnum || domain == typeof(bool))
        {
            return CompareInDomain(access, domain, operation, Coerce(value, domain)!);
        }

        var right = ExpressionTools.Parameter(Coerce(value, access.Type), access.Type);
        Expression left = access;
        if (access.Type == typeof(string))
        {
            left = Expression.Call(StringCompare, access, right);
            right = Expression.Constant(0);
        }

        return operation switch
        {
            "gt" => Expression.GreaterThan(left, right),
            "gte" => Expression.GreaterThanOrEqual(left, right),
            "lt" => Expression.LessThan(left, right),
            _ => Expression.LessThanOrEqual(left, right),
        };
    }

    /// <summary>
    /// A comparison on a type with a few values and no order operators (enums, stored as their names, and booleans),
    /// as membership in the values on the right side of <paramref name="value"/>, in the order the database sorts them:
    /// enums by name (ordinal, as SQLite's and PostgreSQL's C collation compare the ASCII names), false before true.
    /// </summary>
    private static Expression CompareInDomain(Expression access, Type domain, string operation, object value)
    {
        var values = domain == typeof(bool) ? new object[] { false, true } : Enum.GetValues(domain).Cast<object>().ToArray();
        int Order(object item) => item is bool flag ? (flag ? 1 : 0) : 0;
        int CompareTo(object item) => domain == typeof(bool)
            ? Order(item).CompareTo(Order(value))
            : string.CompareOrdinal(item.ToString(), value.ToString());
        var matching = values.Where(item => operation switch
        {
            "gt" => CompareTo(item) > 0,
            "gte" => CompareTo(item) >= 0,
            "lt" => CompareTo(item) < 0,
            _ => CompareTo(item) <= 0,
        }).ToList();
        return matching.Count == 0 ? Expression.Constant(false) : In(access, matching, ignoreCase: false);
    }

    private static MethodCallExpression Lower(Expression access) => Expression.Call(access, StringToLower);

    /// <summary>
    /// Text operations hold only for a value, so their negations hold for null: the predicate means the same
    /// in .NET as in SQL (EF Core drops the check for required columns).
    /// </summary>
    private static BinaryExpression NotNullAnd(Expression access, Expression condition) =>
        Expression.AndAlso(Expression.NotEqual(access, Expression.Constant(null, access.Type)), condition);

    internal static object? Coerce(object? value, Type type)
    {
        if (value is null)
        {
            return null;
        }

        var target = System.Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            DateTime dateTime when target == typeof(DateTime) => dateTime.Kind switch
            {
                DateTimeKind.Utc => dateTime,
                DateTimeKind.Local => dateTime.ToUniversalTime(),
                _ => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
            },
            DateTimeOffset offset when target == typeof(DateTime) => offset.UtcDateTime,
            _ when target.IsInstanceOfType(value) => value,
            _ when target.IsEnum && value is string name => Enum.Parse(target, name, ignoreCase: true),
            _ => Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static object RequireValue(object? value, string path) =>
        value ?? throw new QueryArgumentException($"The filter operation at '{path}' needs a value, not null.", "FILTER_INVALID");

    private static IDictionary<string, object?> AsObject(object value, string path) =>
        value as IDictionary<string, object?> ?? throw new QueryArgumentException($"'{path}' must be an input object.", "FILTER_INVALID");

    private static IEnumerable<IDictionary<string, object?>> Items(object value, string path) =>
        List(value, path).Cast<object?>().Select(item => AsObject(RequireValue(item, path), path));

    private static IEnumerable List(object? value, string path) =>
        value is IEnumerable items and not string
            ? items
            : throw new QueryArgumentException($"'{path}' must be a list.", "FILTER_INVALID");

    private static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, BinaryExpression> combine, string path)
    {
        var list = parts.ToList();
        return list.Count == 0
            ? throw new QueryArgumentException($"'{path}' must hold at least one filter.", "FILTER_INVALID")
            : Balanced(list, combine);
    }

    /// <summary>
    /// Joins conditions as a balanced tree, log2(n) deep: a chain of n <c>OrElse</c> nodes is n deep, and EF Core's
    /// visitors recurse once per level (the request bounds n; this keeps the depth small within them).
    /// </summary>
    private static Expression Balanced(List<Expression> conditions, Func<Expression, Expression, BinaryExpression> combine)
    {
        var level = conditions;
        while (level.Count > 1)
        {
            var next = new List<Expression>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? combine(level[i], level[i + 1]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }

    private static QueryArgumentException Unknown(string path) =>
        new($"The filter '{path}' is not supported.", "FILTER_INVALID");
}
