using System.Runtime.CompilerServices;
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
/// aliases, argument values too large (<see cref="InputBounds"/>), too deep, too costly (the IBM cost specification's
/// field cost, <see cref="OperationCost"/>, from the schema's <c>@cost</c>/<c>@listSize</c>; introspection by GraphQL.NET's
/// complexity analyzer), or a client over its rate. Runs after the standard rules, so the document is known to be
/// valid (no fragment cycles). Leaves the cost for <see cref="CostReport"/> when the request asked for it.
/// </summary>
public sealed class OperationLimitsRule(
    IOptions<OperationLimitOptions> limits,
    ClientRateLimits rateLimits,
    IHttpContextAccessor http)
    : ComplexityValidationRule(CreateComplexityOptions(limits.Value))
{
    /// <summary>
    /// The counts of an operation's fields and aliases, which no variable changes, kept as long as its parsed document
    /// (a kept or persisted document is parsed once and validated again for each request's variables).
    /// </summary>
    private static readonly ConditionalWeakTable<GraphQLOperationDefinition, StrongBox<(double Fields, double Aliases)>> SelectionCounts = new();

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

    /// <param name="totalComplexity">GraphQL.NET's estimate of the operation's <c>__schema</c>/<c>__type</c> selections; every other field weighs 0 there.</param>
    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        var cost = OperationCost.Measure(context, options);
        totalComplexity += cost.FieldCost;
        context.UserContext[CostReport.MeasuredKey] = totalComplexity;
        var reportMode = CostReport.Requested(http.HttpContext);
        if (reportMode is not null)
        {
            context.UserContext[CostReport.ContextKey] = cost with { FieldCost = totalComplexity };
        }

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
        else if (reportMode == "validate")
        {
            context.ReportError(new CostReport.ValidatedOnlyError());
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
        var (fields, aliases) = SelectionCounts.GetValue(context.Operation, _ => new StrongBox<(double, double)>(
            Count(context.Operation.SelectionSet, new FragmentCounts(context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue))))).Value;
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

    /// <summary>
    /// GraphQL.NET's analyzer costs only introspection (<c>__schema</c>, <c>__type</c> and what they select), as before:
    /// a point a field, lists at <see cref="OperationLimitOptions.ListSizeEstimate"/>, at the 2% the schema sets.
    /// Every other field weighs 0 there: <see cref="OperationCost"/> costs them.
    /// </summary>
    private static ComplexityOptions CreateComplexityOptions(OperationLimitOptions limits) => new()
    {
        DefaultListImpactMultiplier = limits.ListSizeEstimate,
        DefaultComplexityImpactDelegate = field => InIntrospection(field)
            ? new FieldComplexityResult(1, IsList(field.FieldDefinition) ? limits.ListSizeEstimate : 1)
            : new FieldComplexityResult(0, 1),
    };

    private static bool InIntrospection(FieldImpactContext field) =>
        field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal);

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
