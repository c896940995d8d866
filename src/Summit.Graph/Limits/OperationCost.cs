using System.Collections;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Summit.Graph.Limits;

/// <summary>
/// An operation's cost as the IBM cost specification computes it (https://ibm.github.io/graphql-specs/cost-spec.html)
/// and HotChocolate 16 reports it (<c>extensions.operationCost</c>): <see cref="FieldCost"/>, the work of resolving
/// (what <c>GraphQL:Limits:MaxComplexity</c> bounds), and <see cref="TypeCost"/>, the objects the answer may hold.
/// </summary>
public sealed record OperationCostMetrics(double FieldCost, double TypeCost);

/// <summary>
/// Computes <see cref="OperationCostMetrics"/> from the schema's <c>@cost</c> and <c>@listSize</c> directives alone
/// (see <see cref="CostDirectivesVisitor"/>), with HotChocolate's rules:
/// <list type="bullet">
/// <item>A field costs its <c>@cost</c> weight (else 1 for objects and lists, 0 for scalars and enums), plus its
/// arguments (their weight, and the weights of the input fields they set, through every level), plus its
/// selection's cost times its list size.</item>
/// <item>A list's size is its slicing argument's value (the largest of those given), else
/// <c>slicingArgumentDefaultValue</c>, else <c>assumedSize</c>, else 1; a connection sizes its <c>edges</c> and
/// <c>nodes</c> (<c>sizedFields</c>).</item>
/// <item>Type cost counts 1 per object the answer may hold, times the list sizes above it; abstract selections
/// count their costliest possible type; a response name counts once per selection set.</item>
/// </list>
/// Two additions, both stricter than HotChocolate: every item of a list value in an argument costs 1 more (a list of
/// 10,000 IDs is not free), and a field that renders text (<see cref="InputCost.RendersText"/>) costs a point per
/// <c>GraphQL:Limits:MarkdownCharactersPerPoint</c> characters beyond those its weight pays for. Arguments are
/// costed at their values, variables included (HotChocolate uses a variable's default). Introspection
/// (<c>__schema</c>, <c>__type</c>) is left to GraphQL.NET's estimate (see <see cref="OperationLimitsRule"/>).
/// </summary>
public static class OperationCost
{
    public static OperationCostMetrics Measure(ValidationContext context, OperationLimitOptions limits)
    {
        var walker = new Walker(context, limits);
        var root = context.Operation.Operation switch
        {
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => context.Schema.Query,
        };
        var (fieldCost, typeCost) = walker.SelectionSet(context.Operation.SelectionSet, root!, parent: null);
        return new OperationCostMetrics(fieldCost, typeCost + 1);
    }

    /// <remarks>
    /// Runs for every request (costs depend on variables), so it reuses the thread's per-selection-set dictionaries
    /// (the walk never leaves its thread) and indexes the document's fragments only when it meets a spread.
    /// </remarks>
    private sealed class Walker(ValidationContext context, OperationLimitOptions limits)
    {
        /// <summary>A selection set larger than this gets a dictionary that is not kept for the next walk.</summary>
        private const int KeptFieldSetSize = 64;

        /// <summary>Dictionaries kept per thread: one per nesting level of an ordinary operation.</summary>
        private const int KeptFieldSets = 16;

        [ThreadStatic]
        private static Stack<Dictionary<string, GraphQLField>>? freeFieldSets;

        private Dictionary<string, GraphQLFragmentDefinition>? fragments;

        public (double Field, double Type) SelectionSet(GraphQLSelectionSet selectionSet, IGraphType type, (FieldType Definition, GraphQLField Node)? parent)
        {
            switch (type)
            {
                case IObjectGraphType objectType:
                    return SelectionSet(selectionSet, objectType, parent);
                case IAbstractGraphType abstractType:
                    double field = 0, typeCost = 0;
                    foreach (var possible in abstractType.PossibleTypes)
                    {
                        var (possibleField, possibleType) = SelectionSet(selectionSet, possible, parent);
                        field = Math.Max(field, possibleField);
                        typeCost = Math.Max(typeCost, possibleType);
                    }

                    return (field, typeCost);
                default:
                    return (0, 0);
            }
        }

        private (double Field, double Type) SelectionSet(GraphQLSelectionSet selectionSet, IObjectGraphType type, (FieldType Definition, GraphQLField Node)? parent)
        {
            var free = freeFieldSets ??= new Stack<Dictionary<string, GraphQLField>>();
            var fields = free.Count > 0 ? free.Pop() : new Dictionary<string, GraphQLField>();
            Collect(selectionSet, type, fields);
            double field = 0, typeCost = 0;
            foreach (var node in fields.Values)
            {
                var (f, t) = Field(node, type, parent);
                field += f;
                typeCost += t;
            }

            if (fields.Count <= KeptFieldSetSize && free.Count < KeptFieldSets)
            {
                fields.Clear();
                free.Push(fields);
            }

            return (field, typeCost);
        }

        /// <summary>The fields that apply to <paramref name="type"/>, through fragments, once per response name.</summary>
        private void Collect(GraphQLSelectionSet selectionSet, IObjectGraphType type, Dictionary<string, GraphQLField> fields)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        fields.TryAdd((field.Alias?.Name ?? field.Name).StringValue, field);
                        break;
                    case GraphQLInlineFragment inline when Applies(inline.TypeCondition, type):
                        Collect(inline.SelectionSet, type, fields);
                        break;
                    case GraphQLFragmentSpread spread when Fragments().TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && Applies(fragment.TypeCondition, type):
                        Collect(fragment.SelectionSet, type, fields);
                        break;
                }
            }
        }

        private Dictionary<string, GraphQLFragmentDefinition> Fragments() =>
            fragments ??= context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);

        private bool Applies(GraphQLTypeCondition? condition, IObjectGraphType type) =>
            condition is null || condition.Type.Name.StringValue == type.Name
            || (context.Schema.AllTypes[condition.Type.Name.StringValue] is IAbstractGraphType abstractType && abstractType.PossibleTypes.Contains(type));

        private (double Field, double Type) Field(GraphQLField node, IObjectGraphType parentType, (FieldType Definition, GraphQLField Node)? parent)
        {
            var name = node.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || parentType.GetField(name) is not { } definition)
            {
                return (0, 0);
            }

            var named = definition.ResolvedType!.GetNamedType();
            var composite = named is IComplexGraphType or IAbstractGraphType;
            var isList = IsList(definition.ResolvedType);
            var fieldCost = CostWeights.CostOf(definition) ?? (composite || isList ? 1 : 0);
            double typeCost = composite ? CostWeights.CostOf(named) ?? 1 : 0;
            var arguments = ArgumentsOf(node);
            fieldCost += ArgumentsCost(definition, arguments, fieldCost);

            double selectionCost = 0;
            if (composite && node.SelectionSet is { } children)
            {
                var (childField, childType) = SelectionSet(children, named, (definition, node));
                selectionCost = childField;
                typeCost += childType;
            }

            if (isList)
            {
                var size = ListSize(definition, arguments, parent);
                selectionCost *= size;
                typeCost *= size;
            }

            return (Math.Max(0, fieldCost + selectionCost), typeCost);
        }

        private double ArgumentsCost(FieldType definition, IDictionary<string, ArgumentValue>? arguments, double fieldWeight)
        {
            if (arguments is null || definition.Arguments is null)
            {
                return 0;
            }

            double cost = 0;
            var rendered = definition.GetMetadata<string?>(InputCost.RenderedArgumentKey);
            foreach (var argument in definition.Arguments)
            {
                if (!arguments.TryGetValue(argument.Name, out var value) || value.Source == ArgumentSource.FieldDefault)
                {
                    continue;
                }

                cost += CostWeights.CostOf(argument) ?? (argument.ResolvedType!.GetNamedType() is IInputObjectGraphType ? 1 : 0);
                cost += argument.Name == rendered && value.Value is string text
                    ? Math.Max(0, Math.Ceiling(text.Length / (double)Math.Max(1, limits.MarkdownCharactersPerPoint)) - fieldWeight)
                    : InputValueCost(argument.ResolvedType!, value.Value);
            }

            return cost;
        }

        /// <summary>The weights of the input fields <paramref name="value"/> sets, through every level, and a point per list item.</summary>
        private static double InputValueCost(IGraphType type, object? value)
        {
            var unwrapped = type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
            switch (value)
            {
                case IDictionary<string, object?> fields when unwrapped is IInputObjectGraphType inputType:
                    double cost = 0;
                    foreach (var (name, fieldValue) in fields)
                    {
                        if (inputType.GetField(name) is { } field)
                        {
                            cost += (CostWeights.CostOf(field) ?? (field.ResolvedType!.GetNamedType() is IInputObjectGraphType ? 1 : 0))
                                + InputValueCost(field.ResolvedType!, fieldValue);
                        }
                    }

                    return cost;
                case IEnumerable items and not string when unwrapped is ListGraphType list:
                    return items.Cast<object?>().Sum(item => 1 + InputValueCost(list.ResolvedType!, item));
                default:
                    return 0;
            }
        }

        /// <summary>The list's size by its own <c>@listSize</c>, or by its connection's when the connection sizes it.</summary>
        private double ListSize(FieldType definition, IDictionary<string, ArgumentValue>? arguments, (FieldType Definition, GraphQLField Node)? parent)
        {
            var directive = definition.FindAppliedDirective(ListSizeDirective.DirectiveName);
            if (directive is null && parent is { } connection
                && connection.Definition.FindAppliedDirective(ListSizeDirective.DirectiveName) is { } parentDirective
                && parentDirective.FindArgument("sizedFields")?.Value is IEnumerable<string> sized && sized.Contains(definition.Name))
            {
                directive = parentDirective;
                arguments = ArgumentsOf(connection.Node);
            }

            if (directive is null)
            {
                return 1;
            }

            if (directive.FindArgument("slicingArguments")?.Value is IEnumerable<string> slicing)
            {
                int? largest = null;
                foreach (var name in slicing)
                {
                    if (arguments?.TryGetValue(name, out var value) == true && value.Source != ArgumentSource.FieldDefault && value.Value is int size)
                    {
                        largest = Math.Max(largest ?? int.MinValue, size);
                    }
                }

                if (largest is { } given)
                {
                    return Math.Max(0, given);
                }

                if (directive.FindArgument("slicingArgumentDefaultValue")?.Value is int fallback)
                {
                    return fallback;
                }
            }

            return directive.FindArgument("assumedSize")?.Value is int assumed ? assumed : 1;
        }

        private IDictionary<string, ArgumentValue>? ArgumentsOf(GraphQLField node) =>
            context.ArgumentValues?.TryGetValue(node, out var values) == true ? values : null;

        private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
    }
}

/// <summary>
/// HotChocolate's cost report: a request with the header <c>GraphQL-Cost: report</c> is executed and its response
/// carries <c>"extensions": {"operationCost": {"fieldCost": F, "typeCost": T}}</c>; with <c>GraphQL-Cost: validate</c>
/// it is validated (the limits included) but not executed, and the response holds only that extension (200), or
/// the errors that refused it. <c>fieldCost</c> is the number <c>GraphQL:Limits:MaxComplexity</c> (and
/// <c>MaxSubscriptionComplexity</c>, <c>RateLimits:ExpensiveQueryComplexity</c>) are compared with.
/// </summary>
public static class CostReport
{
    public const string Header = "GraphQL-Cost";

    /// <summary>Where <see cref="OperationLimitsRule"/> leaves the metrics of a request that asked for them (the execution's user context).</summary>
    public const string ContextKey = "summit.operationCost";

    /// <summary>Where <see cref="OperationLimitsRule"/> leaves every operation's measured field cost (a <see cref="double"/>), for telemetry.</summary>
    public const string MeasuredKey = "summit.operationCost.measured";

    /// <summary>The extension's name, as HotChocolate writes it.</summary>
    public const string Extension = "operationCost";

    /// <summary>What <paramref name="http"/> asked for with <see cref="Header"/>: <c>report</c>, <c>validate</c>, or nothing (null).</summary>
    public static string? Requested(HttpContext? http) =>
        http?.Request.Headers[Header].ToString().Trim().ToLowerInvariant() switch
        {
            "report" => "report",
            "validate" => "validate",
            _ => null,
        };

    /// <summary>
    /// Adds the metrics <see cref="OperationLimitsRule"/> left in <paramref name="userContext"/> to <paramref name="result"/>;
    /// a request that asked to validate only loses the marker error that stopped its execution.
    /// </summary>
    public static void AddTo(ExecutionResult result, IDictionary<string, object?> userContext)
    {
        if (!userContext.TryGetValue(ContextKey, out var value) || value is not OperationCostMetrics metrics)
        {
            return;
        }

        if (result.Errors is { } errors && errors.All(e => e is ValidatedOnlyError))
        {
            result.Errors = null;
        }

        result.Extensions ??= [];
        result.Extensions[Extension] = new Dictionary<string, object?> { ["fieldCost"] = metrics.FieldCost, ["typeCost"] = metrics.TypeCost };
    }

    /// <summary>Stops a <c>GraphQL-Cost: validate</c> request after validation; never reaches the client.</summary>
    public sealed class ValidatedOnlyError() : ValidationError("GraphQL-Cost: validate asks for the cost only; the operation was not executed.");
}
