using GraphQL.Types;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Generates HotChocolate v15's filter and sort input types (<c>SessionFilterInput</c>,
/// <c>StringOperationFilterInput</c>, <c>ListFilterInputTypeOfPresenterFilterInput</c>, <c>SessionSortInput</c>, ...) from the
/// entity models, and the <c>where</c>/<c>order</c> arguments that use them.
/// </summary>
public static class DataInputTypes
{
    public const string SortEnumTypeName = "SortEnumType";

    private static readonly string[] Comparisons = ["gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte"];
    private static readonly string[] StringMatches = ["contains", "ncontains", "startsWith", "nstartsWith", "endsWith", "nendsWith"];

    public static string FilterName(EntityModel model) => $"{model.GraphTypeName}FilterInput";

    public static string SortName(EntityModel model) => $"{model.GraphTypeName}SortInput";

    /// <summary>Adds <c>where</c> and <c>order</c> for <paramref name="model"/> to a list or connection field.</summary>
    public static FieldType WithFilterAndOrder(this FieldType field, EntityModel model)
    {
        field.Arguments ??= [];
        field.Arguments.Add(Where(model));
        field.Arguments.Add(Order(model));
        return field;
    }

    public static QueryArgument Where(EntityModel model) => new QueryArgument(new GraphQLTypeReference(FilterName(model)))
    {
        Name = "where",
        Description = "Only items that match this filter (HotChocolate's filtering conventions, evaluated in the database).",
    }.WithCost(CostWeights.FilterOrSortArgument);

    public static QueryArgument Order(EntityModel model) => new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(SortName(model)))))
    {
        Name = "order",
        Description = "Sort keys in priority order, one field per element. The default order follows, then the id, so results are deterministic.",
    }.WithCost(CostWeights.FilterOrSortArgument);

    /// <summary>HotChocolate's weight of a filter operation: text searches cost twice a comparison.</summary>
    private static double OperationWeight(string operation) =>
        StringMatches.Contains(operation) ? CostWeights.ExpensiveOperation : CostWeights.Operation;

    /// <summary>Every input type the models need, to register with the schema.</summary>
    public static IEnumerable<IGraphType> Create(IEnumerable<EntityModel> models)
    {
        var modelList = models.ToList();
        yield return new EnumerationGraphType<SortDirection> { Name = SortEnumTypeName };
        yield return Operations("StringOperationFilterInput", "String", ["eq", "neq", .. StringMatches], ["in", "nin"], ignoreCase: true);
        yield return Operations("IntOperationFilterInput", "Int", ["eq", "neq", .. Comparisons], ["in", "nin"], ignoreCase: false);
        yield return Operations("DateTimeOperationFilterInput", "DateTime", ["eq", "neq", .. Comparisons], ["in", "nin"], ignoreCase: false);
        yield return Operations("BooleanOperationFilterInput", "Boolean", ["eq", "neq"], [], ignoreCase: false);

        var enums = modelList.SelectMany(m => m.Members).Where(m => m.Filter == ScalarFilter.Enum)
            .Select(m => Nullable.GetUnderlyingType(m.ValueType) ?? m.ValueType).Distinct();
        foreach (var enumType in enums)
        {
            yield return Operations($"{enumType.Name}OperationFilterInput", enumType.Name, ["eq", "neq"], ["in", "nin"], ignoreCase: false);
        }

        foreach (var model in modelList)
        {
            yield return Filter(model);
            yield return Sort(model);
        }

        foreach (var target in modelList.SelectMany(m => m.Members).Where(m => m.Kind == MemberKind.Collection).Select(m => m.TargetModel).Distinct())
        {
            yield return ListFilter(target);
        }
    }

    private static InputObjectGraphType Operations(string name, string scalar, string[] single, string[] lists, bool ignoreCase)
    {
        var type = new InputObjectGraphType { Name = name, Description = $"Conditions on a {scalar} value; all given conditions must hold." };
        AddCombinators(type, name);
        foreach (var operation in single)
        {
            type.AddField(new FieldType { Name = operation, ResolvedType = new GraphQLTypeReference(scalar), Description = Describe(operation) }.WithCost(OperationWeight(operation)));
        }

        foreach (var operation in lists)
        {
            type.AddField(new FieldType { Name = operation, ResolvedType = new ListGraphType(new GraphQLTypeReference(scalar)), Description = Describe(operation) }.WithCost(CostWeights.Operation));
        }

        if (ignoreCase)
        {
            string[] caseless = ["eq", "neq", .. StringMatches];
            foreach (var operation in caseless)
            {
                type.AddField(new FieldType
                {
                    Name = operation + FilterTranslator.IgnoreCaseSuffix,
                    ResolvedType = new GraphQLTypeReference(scalar),
                    Description = $"{Describe(operation)} Letters match regardless of case (Unicode-aware, the same on every database).",
                }.WithCost(OperationWeight(operation)));
            }

            foreach (var operation in lists)
            {
                type.AddField(new FieldType
                {
                    Name = operation + FilterTranslator.IgnoreCaseSuffix,
                    ResolvedType = new ListGraphType(new GraphQLTypeReference(scalar)),
                    Description = $"{Describe(operation)} Letters match regardless of case.",
                }.WithCost(CostWeights.Operation));
            }
        }

        return type;
    }

    private static InputObjectGraphType Filter(EntityModel model)
    {
        var name = FilterName(model);
        var type = new InputObjectGraphType { Name = name, Description = $"Filter for {model.GraphTypeName} items; all given fields must match." };
        AddCombinators(type, name);
        foreach (var member in model.Members)
        {
            IGraphType fieldType = member.Kind switch
            {
                MemberKind.Reference => new GraphQLTypeReference(FilterName(member.TargetModel)),
                MemberKind.Collection => new GraphQLTypeReference(ListFilterName(member.TargetModel)),
                _ => new GraphQLTypeReference(member.Filter switch
                {
                    ScalarFilter.String => "StringOperationFilterInput",
                    ScalarFilter.Int => "IntOperationFilterInput",
                    ScalarFilter.DateTime => "DateTimeOperationFilterInput",
                    ScalarFilter.Boolean => "BooleanOperationFilterInput",
                    _ => $"{(Nullable.GetUnderlyingType(member.ValueType) ?? member.ValueType).Name}OperationFilterInput",
                }),
            };
            type.AddField(new FieldType { Name = member.Name, ResolvedType = fieldType, Description = member.Description });
        }

        return type;
    }

    /// <summary>HotChocolate's name for the filter of a list of entities: <c>ListFilterInputTypeOf&lt;X&gt;FilterInput</c>.</summary>
    private static string ListFilterName(EntityModel target) => $"ListFilterInputTypeOf{FilterName(target)}";

    private static InputObjectGraphType ListFilter(EntityModel target)
    {
        var type = new InputObjectGraphType
        {
            Name = ListFilterName(target),
            Description = $"Conditions on a list of {target.GraphTypeName} items.",
        };
        type.AddField(new FieldType { Name = "all", ResolvedType = new GraphQLTypeReference(FilterName(target)), Description = "Every item matches." }.WithCost(CostWeights.Operation));
        type.AddField(new FieldType { Name = "none", ResolvedType = new GraphQLTypeReference(FilterName(target)), Description = "No item matches." }.WithCost(CostWeights.Operation));
        type.AddField(new FieldType { Name = "some", ResolvedType = new GraphQLTypeReference(FilterName(target)), Description = "At least one item matches." }.WithCost(CostWeights.Operation));
        type.AddField(new FieldType { Name = "any", ResolvedType = new GraphQLTypeReference("Boolean"), Description = "true: the list is not empty; false: it is empty." }.WithCost(CostWeights.Operation));
        return type;
    }

    private static InputObjectGraphType Sort(EntityModel model)
    {
        var type = new InputObjectGraphType { Name = SortName(model), Description = $"One sort key for {model.GraphTypeName} items." };
        foreach (var member in model.Members.Where(m => m.Sortable))
        {
            var field = type.AddField(new FieldType
            {
                Name = member.Name,
                ResolvedType = new GraphQLTypeReference(member.Kind == MemberKind.Reference ? SortName(member.TargetModel) : SortEnumTypeName),
                Description = member.Description,
            });
            if (member.Kind != MemberKind.Reference)
            {
                // A sort operation, as HotChocolate weighs it; a nested sort input weighs only its own operations.
                field.WithCost(CostWeights.Operation);
            }
        }

        return type;
    }

    private static void AddCombinators(InputObjectGraphType type, string name)
    {
        type.AddField(new FieldType { Name = "and", ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))), Description = "All of these match." });
        type.AddField(new FieldType { Name = "or", ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))), Description = "At least one of these matches." });
    }

    private static string Describe(string operation) => operation switch
    {
        "eq" => "Equals (null: has no value).",
        "neq" => "Does not equal.",
        "in" => "Equals one of these.",
        "nin" => "Equals none of these.",
        "contains" => "Contains this text.",
        "ncontains" => "Does not contain this text.",
        "startsWith" => "Starts with this text.",
        "nstartsWith" => "Does not start with this text.",
        "endsWith" => "Ends with this text.",
        "nendsWith" => "Does not end with this text.",
        "gt" => "Greater than.",
        "ngt" => "Not greater than.",
        "gte" => "Greater than or equal.",
        "ngte" => "Not greater than or equal.",
        "lt" => "Less than.",
        "nlt" => "Not less than.",
        "lte" => "Less than or equal.",
        _ => "Not less than or equal.",
    };
}
