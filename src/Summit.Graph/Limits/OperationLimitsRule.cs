using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Limits;

/// <summary>
/// Refuses abusive operations during validation, before any resolver or SQL runs: too many fields or
/// aliases, argument values too large (<see cref="InputBounds"/>), too deep, too costly (GraphQL.NET's complexity analyzer, lists weighted by their page size), or a
/// client over its rate. Runs after the standard rules, so the document is known to be valid (no fragment cycles).
/// </summary>
public sealed class OperationLimitsRule(
    IOptions<OperationLimitOptions> limits,
    IOptions<PagingOptions> paging,
    ClientRateLimits rateLimits,
    IHttpContextAccessor http)
    : ComplexityValidationRule(CreateComplexityOptions(limits.Value, paging.Value))
{
    private readonly OperationLimitOptions options = limits.Value;

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (!context.HasErrors)
        {
            CheckSelectionCounts(context);
        }

        if (!context.HasErrors && InputBounds.Check(context, options) is { } tooLarge)
        {
            context.ReportError(tooLarge);
        }

        if (!context.HasErrors && context.User?.Identity?.IsAuthenticated != true && RenderedCharacters(context) is var rendered && rendered > options.AnonymousMarkdownMaxLength)
        {
            // Per operation, not per field: aliases of renderMarkdown each within the limit added up to 94 ms of CPU.
            Report(context, LimitCodes.MarkdownTooLong, $"The operation renders {rendered:N0} characters of Markdown; at most {options.AnonymousMarkdownMaxLength:N0} are rendered for an operation without a key (GraphQL:Limits:AnonymousMarkdownMaxLength).");
        }

        // The complexity analysis skips documents that already have errors, so a refusal above stays cheap.
        return base.GetPostNodeVisitorAsync(context);
    }

    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        var introspection = IsIntrospection(context.Operation);
        var (depthLimit, depthKey) = introspection ? (options.MaxIntrospectionDepth, "MaxIntrospectionDepth") : (options.MaxDepth, "MaxDepth");
        if (maxDepth > depthLimit)
        {
            Report(context, LimitCodes.Depth, $"The operation is {maxDepth} levels deep; at most {depthLimit} are allowed (GraphQL:Limits:{depthKey}).");
        }
        else if (context.Operation.Operation == OperationType.Subscription && totalComplexity > options.MaxSubscriptionComplexity)
        {
            Report(context, LimitCodes.Complexity, $"The subscription's estimated cost is {totalComplexity:N0}; at most {options.MaxSubscriptionComplexity:N0} is allowed (GraphQL:Limits:MaxSubscriptionComplexity): it runs again for every event.");
        }
        else if (totalComplexity > options.MaxComplexity)
        {
            Report(context, LimitCodes.Complexity, $"The operation's estimated cost is {totalComplexity:N0}; at most {options.MaxComplexity:N0} is allowed (GraphQL:Limits:MaxComplexity). Ask for smaller pages or fewer nested lists.");
        }
        else if (rateLimits.TryAcquire(context.Operation.Operation, totalComplexity, context.User, http.HttpContext) is { } limited)
        {
            context.ReportError(limited);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The characters every field that renders text (<see cref="InputCost.RendersText"/>) is asked to render. Such
    /// fields are root fields (<c>renderMarkdown</c>), so each field node is looked up on the query type.
    /// </summary>
    private static long RenderedCharacters(ValidationContext context)
    {
        if (context.ArgumentValues is not { } fields)
        {
            return 0;
        }

        long characters = 0;
        foreach (var (field, arguments) in fields)
        {
            var definition = context.Schema.Query.GetField(field.Name.StringValue);
            if (definition?.GetMetadata<string?>(InputCost.RenderedArgumentKey) is { } rendered
                && arguments.TryGetValue(rendered, out var value) && value.Value is string text)
            {
                characters += text.Length;
            }
        }

        return characters;
    }

    private void CheckSelectionCounts(ValidationContext context)
    {
        var definitions = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var (fields, aliases) = Count(context.Operation.SelectionSet, new FragmentCounts(definitions));
        if (fields > options.MaxFields)
        {
            Report(context, LimitCodes.Fields, $"The operation selects {fields:N0} fields; at most {options.MaxFields:N0} are allowed (GraphQL:Limits:MaxFields).");
        }

        if (aliases > options.MaxAliases)
        {
            Report(context, LimitCodes.Aliases, $"The operation uses {aliases:N0} aliases; at most {options.MaxAliases:N0} are allowed (GraphQL:Limits:MaxAliases).");
        }
    }

    private static void Report(ValidationContext context, string code, FormattableString message) =>
        context.ReportError(new LimitError(code, FormattableString.Invariant(message)));

    /// <summary>
    /// Fields and aliases as execution would meet them: every fragment spread counts its fragment again. Counts
    /// per fragment are remembered, so fragments that spread others many times cost one visit each; doubles,
    /// since such fragments can multiply past any integer.
    /// </summary>
    private static (double Fields, double Aliases) Count(GraphQLSelectionSet selectionSet, FragmentCounts fragments)
    {
        double fields = 0, aliases = 0;
        foreach (var selection in selectionSet.Selections)
        {
            var (innerFields, innerAliases) = selection switch
            {
                GraphQLField { SelectionSet: { } children } => Count(children, fragments),
                GraphQLInlineFragment inline => Count(inline.SelectionSet, fragments),
                GraphQLFragmentSpread spread => fragments.Count(spread.FragmentName.Name.StringValue),
                _ => (0, 0),
            };
            if (selection is GraphQLField field)
            {
                fields++;
                aliases += field.Alias is null ? 0 : 1;
            }

            fields += innerFields;
            aliases += innerAliases;
        }

        return (fields, aliases);
    }

    /// <summary>An operation that selects only the schema's meta fields, as IDEs do to load the schema.</summary>
    private static bool IsIntrospection(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(selection => selection is GraphQLField field && field.Name.StringValue is "__schema" or "__type" or "__typename");

    private static ComplexityOptions CreateComplexityOptions(OperationLimitOptions limits, PagingOptions paging) => new()
    {
        DefaultListImpactMultiplier = limits.ListSizeEstimate,
        DefaultComplexityImpactDelegate = field => new FieldComplexityResult(OwnCost(field, limits), ListSize(field, limits, paging)),
    };

    /// <summary>
    /// A field's own work, which grows with its arguments: a point for the field plus a point per value inside
    /// list and input-object arguments (filters, orders, IDs: each becomes a condition or a lookup); a field
    /// marked with <see cref="InputCost.RendersText"/> instead costs a point per
    /// <see cref="OperationLimitOptions.MarkdownCharactersPerPoint"/> characters of the text it renders.
    /// </summary>
    private static double OwnCost(FieldImpactContext field, OperationLimitOptions limits)
    {
        if (field.Arguments is null)
        {
            return 1;
        }

        var rendered = field.FieldDefinition.GetMetadata<string?>(InputCost.RenderedArgumentKey);
        double cost = 1;
        foreach (var (name, argument) in field.Arguments)
        {
            // The field's own point pays for the first characters: a preview of the largest abstract (20,000
            // characters) costs 20,000 at the default rate, and so fits GraphQL:Limits:MaxComplexity on its own.
            cost += name == rendered && argument.Value is string text
                ? Math.Max(0, Math.Ceiling(text.Length / (double)Math.Max(1, limits.MarkdownCharactersPerPoint)) - 1)
                : ValuesInside(argument.Value);
        }

        return cost;
    }

    /// <summary>The scalars inside a list or an input object; 0 for a scalar argument, which the field's point covers.</summary>
    private static double ValuesInside(object? value) => value switch
    {
        IDictionary<string, object?> fields => fields.Values.Sum(v => Math.Max(1, ValuesInside(v))),
        System.Collections.IEnumerable items and not string => items.Cast<object?>().Sum(v => Math.Max(1, ValuesInside(v))),
        _ => 0,
    };

    /// <summary>
    /// How many times a field's selections run: 1 for objects; for a list, the page size of the connection
    /// it belongs to (its own or its parent's <c>first</c>/<c>last</c>, else the default page size), the
    /// number of IDs asked for, or the estimate for lists that are not paged.
    /// </summary>
    private static double ListSize(FieldImpactContext field, OperationLimitOptions limits, PagingOptions paging)
    {
        if (!IsList(field.FieldDefinition))
        {
            return 1;
        }

        if (PageSize(field, paging) is { } own)
        {
            return own;
        }

        if (field.Parent is { } parent && !IsList(parent.FieldDefinition) && PageSize(parent, paging) is { } connection)
        {
            return connection;
        }

        return field.Arguments?.TryGetValue("ids", out var ids) == true && ids.Value is System.Collections.ICollection list
            ? list.Count
            : field.FieldDefinition.GetMetadata<int?>(ListSizes.AssumedSize) ?? limits.ListSizeEstimate;
    }

    /// <summary>The page a paged field returns; null for fields that take no <c>first</c>.</summary>
    private static int? PageSize(FieldImpactContext field, PagingOptions paging)
    {
        if (field.FieldDefinition.Arguments?.Find("first") is null)
        {
            return null;
        }

        var requested = field.Arguments?.TryGetValue("first", out var first) == true && first.Value is int firstValue ? firstValue
            : field.Arguments?.TryGetValue("last", out var last) == true && last.Value is int lastValue ? lastValue
            : paging.DefaultPageSize;
        // Pages above the maximum are refused when they run; count them at most at the maximum meanwhile.
        return Math.Clamp(requested, 0, paging.MaxPageSize);
    }

    private static bool IsList(FieldType field) => (field.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : field.ResolvedType) is ListGraphType;

    private sealed class FragmentCounts(Dictionary<string, GraphQLFragmentDefinition> definitions)
    {
        private readonly Dictionary<string, (double, double)> counts = [];

        public (double Fields, double Aliases) Count(string name)
        {
            if (!counts.TryGetValue(name, out var count))
            {
                count = definitions.TryGetValue(name, out var fragment) ? OperationLimitsRule.Count(fragment.SelectionSet, this) : (0, 0);
                counts[name] = count;
            }

            return count;
        }
    }
}
