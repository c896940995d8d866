using System.Linq.Expressions;
using System.Reflection;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Orders a query by resolved keys and restricts it to the rows after (or before) a cursor. The API sorts
/// nulls first ascending and last descending, as SQLite and SQL Server do by themselves; PostgreSQL sorts
/// them the other way, so there nullable keys are ordered by an explicit "is null" key first.
/// </summary>
public static class KeysetPager
{
    // Expression.Call by method name searches Queryable's methods on every call; the four are looked up once.
    private static readonly MethodInfo OrderByMethod = QueryableMethod(nameof(Queryable.OrderBy));
    private static readonly MethodInfo OrderByDescendingMethod = QueryableMethod(nameof(Queryable.OrderByDescending));
    private static readonly MethodInfo ThenByMethod = QueryableMethod(nameof(Queryable.ThenBy));
    private static readonly MethodInfo ThenByDescendingMethod = QueryableMethod(nameof(Queryable.ThenByDescending));

    /// <param name="databaseSortsNullsFirst">
    /// Whether the database sorts NULL below every value. The explicit key it saves is not just redundant: an
    /// expression over the column keeps the database from reading an index in order and stopping after a page.
    /// </param>
    public static IQueryable<T> OrderBy<T>(IQueryable<T> query, IReadOnlyList<OrderKey> keys, bool reverse, bool databaseSortsNullsFirst)
    {
        var ordered = false;
        foreach (var key in keys)
        {
            var descending = key.Descending ^ reverse;
            if (key.Nullable && !databaseSortsNullsFirst)
            {
                query = ApplyOrder(query, NullFlag(key.Key), descending, ordered);
                ordered = true;
            }

            query = ApplyOrder(query, key.Key, descending, ordered);
            ordered = true;
        }

        return query;
    }

    /// <summary>
    /// Rows strictly after <paramref name="cursor"/> in the order (in the reversed order when <paramref name="reverse"/>);
    /// with <paramref name="inclusive"/>, the cursor's own row too.
    /// </summary>
    public static Expression<Func<T, bool>> After<T>(IReadOnlyList<OrderKey> keys, object?[] cursor, bool reverse, bool inclusive = false)
    {
        var parameter = Expression.Parameter(typeof(T), "e");
        Expression condition = Expression.Constant(inclusive);
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            var access = ExpressionTools.Inline(keys[i].Key, parameter);
            var (after, equal) = Compare(access, cursor[i], keys[i].Nullable, keys[i].Descending ^ reverse);
            condition = Expression.OrElse(after, Expression.AndAlso(equal, condition));
        }

        return Expression.Lambda<Func<T, bool>>(condition, parameter);
    }

    private static (Expression After, Expression Equal) Compare(Expression access, object? value, bool nullable, bool descending)
    {
        if (nullable)
        {
            var isNull = Expression.Equal(access, Expression.Constant(null, access.Type));
            if (value is null)
            {
                // Nulls sort first ascending and last descending.
                return (descending ? Expression.Constant(false) : Expression.Not(isNull), isNull);
            }

            var beyond = FilterTranslator.Compare(access, descending ? "lt" : "gt", value);
            var equal = Expression.Equal(access, ExpressionTools.Parameter(value, access.Type));
            return (descending ? Expression.OrElse(isNull, beyond) : Expression.AndAlso(Expression.Not(isNull), beyond), equal);
        }

        return (FilterTranslator.Compare(access, descending ? "lt" : "gt", value!),
            Expression.Equal(access, ExpressionTools.Parameter(value, access.Type)));
    }

    private static LambdaExpression NullFlag(LambdaExpression key) =>
        Expression.Lambda(
            Expression.Condition(Expression.Equal(key.Body, Expression.Constant(null, key.ReturnType)), Expression.Constant(0), Expression.Constant(1)),
            key.Parameters);

    private static IQueryable<T> ApplyOrder<T>(IQueryable<T> query, LambdaExpression key, bool descending, bool thenBy)
    {
        var method = (thenBy, descending) switch
        {
            (false, false) => OrderByMethod,
            (false, true) => OrderByDescendingMethod,
            (true, false) => ThenByMethod,
            (true, true) => ThenByDescendingMethod,
        };
        var call = Expression.Call(method.MakeGenericMethod(typeof(T), key.ReturnType), query.Expression, Expression.Quote(key));
        return query.Provider.CreateQuery<T>(call);
    }

    /// <summary>The overload without a comparer.</summary>
    private static MethodInfo QueryableMethod(string name) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);
}
