using System.Collections;
using GraphQL.Validation;

namespace Summit.Graph.Limits;

/// <summary>
/// Bounds the argument values of an operation, whether written in the document or sent as variables: how many
/// values in all, how deep, how long each list, and how many terms a <c>where</c> or <c>order</c> holds. Every
/// later step (the filter's expression tree, EF Core's visitors, the SQL, the caches keyed by a filter) grows with
/// these; a 15,000-term <c>or</c> overflowed EF Core's stack and ended the process. The walk keeps its own stack,
/// so no input, however deep, recurses on the thread's.
/// </summary>
public static class InputBounds
{
    /// <summary>The first bound the operation's arguments exceed, as a <see cref="LimitError"/>; null when none is.</summary>
    public static LimitError? Check(ValidationContext context, OperationLimitOptions limits)
    {
        if (context.ArgumentValues is not { } fields)
        {
            return null;
        }

        var values = 0;
        foreach (var (_, arguments) in fields)
        {
            foreach (var (name, argument) in arguments)
            {
                if (argument.Value is null)
                {
                    continue;
                }

                var (count, depth, longest, terms, error) = Measure(argument.Value, limits);
                values += count;
                var path = $"argument '{name}'";
                error ??= depth > limits.MaxInputDepth ? Refuse(LimitCodes.InputDepth, $"The {path} nests {depth:N0} input objects and lists; at most {limits.MaxInputDepth:N0} are allowed (GraphQL:Limits:MaxInputDepth).")
                    : longest > limits.MaxInputListLength ? Refuse(LimitCodes.InputListLength, $"A list in the {path} holds {longest:N0} items; at most {limits.MaxInputListLength:N0} are allowed (GraphQL:Limits:MaxInputListLength).")
                    : name == "where" && terms > limits.MaxFilterTerms ? Refuse(LimitCodes.FilterTerms, $"The filter holds {terms:N0} operation terms; at most {limits.MaxFilterTerms:N0} are allowed (GraphQL:Limits:MaxFilterTerms).")
                    : name == "order" && terms > limits.MaxSortTerms ? Refuse(LimitCodes.SortTerms, $"The order holds {terms:N0} sort terms; at most {limits.MaxSortTerms:N0} are allowed (GraphQL:Limits:MaxSortTerms).")
                    : null;
                if (error is not null)
                {
                    return error;
                }

                if (values > limits.MaxInputValues)
                {
                    return TooManyValues(limits);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// One pass over a value, stopping as soon as it holds more values than the whole operation may: the count of
    /// values, the deepest nesting of objects and lists, the longest list, and the terms (object fields whose value
    /// is neither an object nor a list of objects: a filter's <c>eq</c>, <c>in</c> or <c>any</c>, a sort's
    /// <c>title: ASC</c>).
    /// </summary>
    private static (int Values, int Depth, int LongestList, int Terms, LimitError? Error) Measure(object value, OperationLimitOptions limits)
    {
        int values = 0, deepest = 0, longest = 0, terms = 0;
        var pending = new Stack<(object? Value, int Depth)>();
        pending.Push((value, 0));
        while (pending.TryPop(out var item))
        {
            if (++values > limits.MaxInputValues)
            {
                return (values, deepest, longest, terms, TooManyValues(limits));
            }

            switch (item.Value)
            {
                case IDictionary<string, object?> fields:
                    deepest = Math.Max(deepest, item.Depth + 1);
                    foreach (var field in fields.Values)
                    {
                        terms += IsTerm(field) ? 1 : 0;
                        pending.Push((field, item.Depth + 1));
                    }

                    break;
                case IEnumerable list and not string:
                    deepest = Math.Max(deepest, item.Depth + 1);
                    var length = 0;
                    foreach (var element in list)
                    {
                        // A term of an order list is each of its items' fields, counted above.
                        pending.Push((element, item.Depth + 1));
                        if (++length > limits.MaxInputListLength)
                        {
                            break;
                        }
                    }

                    longest = Math.Max(longest, length);
                    break;
            }

            if (deepest > limits.MaxInputDepth || longest > limits.MaxInputListLength)
            {
                break;
            }
        }

        return (values, deepest, longest, terms, null);
    }

    private static bool IsTerm(object? field) => field switch
    {
        IDictionary<string, object?> => false,
        IEnumerable list and not string => !list.Cast<object?>().Any(element => element is IDictionary<string, object?>),
        _ => true,
    };

    private static LimitError TooManyValues(OperationLimitOptions limits) => Refuse(LimitCodes.InputValues,
        $"The operation's arguments hold more than {limits.MaxInputValues:N0} values (GraphQL:Limits:MaxInputValues).");

    private static LimitError Refuse(string code, FormattableString message) => new(code, FormattableString.Invariant(message));
}
