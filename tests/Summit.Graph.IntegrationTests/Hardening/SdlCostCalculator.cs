using System.Globalization;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>
/// What a client can do before sending a document: compute its cost from the printed SDL's <c>@cost</c> and
/// <c>@listSize</c> alone, with the IBM cost specification's rules as HotChocolate applies them (a field's weight,
/// else 1 for objects and lists and 0 for leaves; its arguments' and their input fields' weights; its selection times
/// its list size, sized by a slicing argument, else <c>slicingArgumentDefaultValue</c>, else <c>assumedSize</c>, a
/// connection sizing its <c>sizedFields</c>; type cost 1 an object, plus 1 for the operation's root) and the
/// server's one documented addition that a document can show: a point per item of a list value in an argument.
/// Written from the specification, independent of the server's code, so that the two can be compared.
/// </summary>
public sealed class SdlCostCalculator(string sdl)
{
    private readonly Dictionary<string, GraphQLTypeDefinition> types = Parser.Parse(sdl).Definitions
        .OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue);

    public (double FieldCost, double TypeCost) Measure(string document, JsonObject variables)
    {
        var parsed = Parser.Parse(document);
        var operation = parsed.Definitions.OfType<GraphQLOperationDefinition>().Single();
        var values = new Dictionary<string, object?>();
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            values[name] = variables.TryGetPropertyValue(name, out var given) ? FromJson(given) : definition.DefaultValue is { } fallback ? Literal(fallback, []) : null;
        }

        var root = operation.Operation switch
        {
            OperationType.Mutation => "Mutation",
            OperationType.Subscription => "Subscription",
            _ => "Query",
        };
        var (field, type) = SelectionSet(operation.SelectionSet, root, values, parent: null);
        return (field, type + 1);
    }

    private (double Field, double Type) SelectionSet(GraphQLSelectionSet set, string typeName, Dictionary<string, object?> variables, (GraphQLFieldDefinition Definition, Dictionary<string, object?> Arguments)? parent)
    {
        double fieldCost = 0, typeCost = 0;
        foreach (var node in set.Selections.Cast<GraphQLField>())
        {
            var definition = ((IHasFieldsDefinitionNode)types[typeName]).Fields!.Items.Single(f => f.Name.StringValue == node.Name.StringValue);
            var named = NamedType(definition.Type);
            var composite = types.TryGetValue(named, out var namedType) && namedType is not GraphQLScalarTypeDefinition and not GraphQLEnumTypeDefinition;
            var isList = Unwrap(definition.Type) is GraphQLListType;
            var cost = Weight(definition.Directives) ?? (composite || isList ? 1 : 0);
            double type = composite ? 1 : 0;
            var arguments = new Dictionary<string, object?>();
            foreach (var argument in node.Arguments?.Items ?? [])
            {
                var argumentDefinition = definition.Arguments!.Items.Single(a => a.Name.StringValue == argument.Name.StringValue);
                var value = Literal(argument.Value, variables);
                arguments[argument.Name.StringValue] = value;
                cost += (Weight(argumentDefinition.Directives) ?? (IsInputObject(argumentDefinition.Type) ? 1 : 0)) + InputCost(argumentDefinition.Type, value);
            }

            double selection = 0;
            if (composite && node.SelectionSet is { } children)
            {
                var (childField, childType) = SelectionSet(children, named, variables, (definition, arguments));
                selection = childField;
                type += childType;
            }

            if (isList)
            {
                var size = ListSize(definition, arguments, parent);
                selection *= size;
                type *= size;
            }

            fieldCost += cost + selection;
            typeCost += type;
        }

        return (fieldCost, typeCost);
    }

    private double InputCost(GraphQLType type, object? value) => value switch
    {
        Dictionary<string, object?> fields => fields.Sum(field =>
        {
            var definition = ((GraphQLInputObjectTypeDefinition)types[NamedType(type)]).Fields!.Items.Single(f => f.Name.StringValue == field.Key);
            return (Weight(definition.Directives) ?? (IsInputObject(definition.Type) ? 1 : 0)) + InputCost(definition.Type, field.Value);
        }),
        List<object?> items => items.Sum(item => 1 + InputCost(((GraphQLListType)Unwrap(type)).Type, item)),
        _ => 0,
    };

    private static double ListSize(GraphQLFieldDefinition definition, Dictionary<string, object?> arguments, (GraphQLFieldDefinition Definition, Dictionary<string, object?> Arguments)? parent)
    {
        var listSize = Directive(definition.Directives, "listSize");
        if (listSize is null && parent is { } connection && Directive(connection.Definition.Directives, "listSize") is { } parentSize
            && Argument(parentSize, "sizedFields") is List<object?> sized && sized.Contains(definition.Name.StringValue))
        {
            listSize = parentSize;
            arguments = connection.Arguments;
        }

        if (listSize is null)
        {
            return 1;
        }

        if (Argument(listSize, "slicingArguments") is List<object?> slicing)
        {
            var given = slicing.Select(name => arguments.GetValueOrDefault((string)name!)).OfType<int>().ToList();
            if (given.Count > 0)
            {
                return given.Max();
            }

            if (Argument(listSize, "slicingArgumentDefaultValue") is int fallback)
            {
                return fallback;
            }
        }

        return Argument(listSize, "assumedSize") as int? ?? 1;
    }

    private static double? Weight(GraphQLDirectives? directives) =>
        Directive(directives, "cost") is { } cost ? double.Parse((string)Argument(cost, "weight")!, CultureInfo.InvariantCulture) : null;

    private static GraphQLDirective? Directive(GraphQLDirectives? directives, string name) =>
        directives?.Items.FirstOrDefault(d => d.Name.StringValue == name);

    private static object? Argument(GraphQLDirective directive, string name) =>
        directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name) is { } argument ? Literal(argument.Value, []) : null;

    private bool IsInputObject(GraphQLType type) => types.GetValueOrDefault(NamedType(type)) is GraphQLInputObjectTypeDefinition;

    private static GraphQLType Unwrap(GraphQLType type) => type is GraphQLNonNullType nonNull ? nonNull.Type : type;

    private static string NamedType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => NamedType(list.Type),
        _ => ((GraphQLNamedType)type).Name.StringValue,
    };

    private static object? Literal(GraphQLValue value, Dictionary<string, object?> variables) => value switch
    {
        GraphQLVariable variable => variables.GetValueOrDefault(variable.Name.StringValue),
        GraphQLIntValue number => int.Parse(number.Value.Span, CultureInfo.InvariantCulture),
        GraphQLStringValue text => text.Value.ToString(),
        GraphQLBooleanValue boolean => boolean.BoolValue,
        GraphQLListValue list => (list.Values ?? []).Select(item => Literal(item, variables)).ToList(),
        GraphQLObjectValue fields => (fields.Fields ?? []).ToDictionary(f => f.Name.StringValue, f => Literal(f.Value, variables)),
        _ => null,
    };

    private static object? FromJson(JsonNode? node) => node switch
    {
        JsonArray items => items.Select(FromJson).ToList(),
        JsonObject fields => fields.ToDictionary(f => f.Key, f => FromJson(f.Value)),
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value => value.ToString(),
        _ => null,
    };
}
