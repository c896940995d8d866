using System.Linq.Expressions;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Orders a query by resolved keys and restricts it to the rows after (or before) a cursor. Nullable keys
/// are ordered by an explicit "is null" key first, because databases disagree on where NULLs sort.
/// </summary>
public static class KeysetPager
{
    public static IQueryable<T> OrderBy<T>(IQueryable<T> query, IReadOnlyList<OrderKey> keys, bool reverse)
    {
        var ordered = false;
        foreach (var key in keys)
        {
            var descending = key.Descending ^ reverse;
            if (key.Nullable)
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
            (false, false) => nameof(Queryable.OrderBy),
            (false, true) => nameof(Queryable.OrderByDescending),
            (true, false) => nameof(Queryable.ThenBy),
            (true, true) => nameof(Queryable.ThenByDescending),
        };
        var call = Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key));
        return query.Provider.CreateQuery<T>(call);
    }
}
