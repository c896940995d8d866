using GraphQL.Types;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Generates HotChocolate 16's filter and sort input types (<c>SessionFilterInput</c>,
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
        var scalars = modelList.SelectMany(m => m.Members).Where(m => m.Filter != ScalarFilter.None)
            .GroupBy(OperationFilterName).Select(group => group.First());
        foreach (var member in scalars)
        {
            yield return Operations(member);
        }

        foreach (var model in modelList)
        {
            yield return Filter(model);
            yield return Sort(model);
        }

        foreach (var target in modelList.SelectMany(m => m.Members).Where(m => m.Kind == MemberKind.Collection && m.Filterable).Select(m => m.TargetModel).Distinct())
        {
            yield return ListFilter(target);
        }
    }

    /// <summary>
    /// HotChocolate's operation input of a scalar member: <c>StringOperationFilterInput</c>, <c>IdOperationFilterInput</c>,
    /// <c>IntOperationFilterInput</c>, <c>DateTimeOperationFilterInput</c>, <c>LocalDateOperationFilterInput</c>,
    /// <c>LocalTimeOperationFilterInput</c>, <c>BooleanOperationFilterInput</c>, <c>XOperationFilterInput</c> of an enum.
    /// </summary>
    private static string OperationFilterName(ModelMember member) =>
        $"{(member.Filter == ScalarFilter.Id ? "Id" : OperandType(member))}OperationFilterInput";

    /// <summary>The GraphQL type of a member's operands.</summary>
    private static string OperandType(ModelMember member)
    {
        var type = Nullable.GetUnderlyingType(member.ValueType) ?? member.ValueType;
        return member.Filter switch
        {
            ScalarFilter.Id => "ID",
            ScalarFilter.String => "String",
            ScalarFilter.Boolean => "Boolean",
            ScalarFilter.Enum => type.Name,
            _ when type == typeof(DateOnly) => "LocalDate",
            _ when type == typeof(TimeOnly) => "LocalTime",
            _ when type == typeof(DateTime) => "DateTime",
            _ => "Int",
        };
    }

    /// <summary>Operations in HotChocolate's order; <c>and</c>/<c>or</c> and <c>*IgnoreCase</c> are this server's additions.</summary>
    private static InputObjectGraphType Operations(ModelMember member)
    {
        var name = OperationFilterName(member);
        var scalar = OperandType(member);
        var type = new InputObjectGraphType { Name = name, Description = $"Conditions on a {scalar} value; all given conditions must hold." };
        AddCombinators(type, name);
        // HotChocolate's enum lists hold non-null values; its other lists take null (matching rows without a value).
        IGraphType ListOf() => new ListGraphType(member.Filter == ScalarFilter.Enum ? new NonNullGraphType(new GraphQLTypeReference(scalar)) : new GraphQLTypeReference(scalar));
        void Add(string operation, IGraphType operandType, string? description = null) =>
            type.AddField(new FieldType { Name = operation, ResolvedType = operandType, Description = description ?? Describe(operation) }
                .WithCost(OperationWeight(operation.Replace(FilterTranslator.IgnoreCaseSuffix, "", StringComparison.Ordinal))));

        Add("eq", new GraphQLTypeReference(scalar));
        Add("neq", new GraphQLTypeReference(scalar));
        switch (member.Filter)
        {
            case ScalarFilter.String:
                Add("contains", new GraphQLTypeReference(scalar));
                Add("ncontains", new GraphQLTypeReference(scalar));
                Add("in", ListOf());
                Add("nin", ListOf());
                foreach (var operation in StringMatches.Where(o => o is not ("contains" or "ncontains")))
                {
                    Add(operation, new GraphQLTypeReference(scalar));
                }

                string[] caseless = ["eq", "neq", .. StringMatches];
                foreach (var operation in caseless)
                {
                    Add(operation + FilterTranslator.IgnoreCaseSuffix, new GraphQLTypeReference(scalar), $"{Describe(operation)} Letters match regardless of case (Unicode-aware, the same on every database).");
                }

                Add("in" + FilterTranslator.IgnoreCaseSuffix, ListOf(), $"{Describe("in")} Letters match regardless of case.");
                Add("nin" + FilterTranslator.IgnoreCaseSuffix, ListOf(), $"{Describe("nin")} Letters match regardless of case.");
                break;
            case ScalarFilter.Comparable:
                Add("in", ListOf());
                Add("nin", ListOf());
                foreach (var operation in Comparisons)
                {
                    Add(operation, new GraphQLTypeReference(scalar));
                }

                break;
            case ScalarFilter.Id or ScalarFilter.Enum:
                Add("in", ListOf());
                Add("nin", ListOf());
                break;
        }

        return type;
    }

    private static InputObjectGraphType Filter(EntityModel model)
    {
        var name = FilterName(model);
        var type = new InputObjectGraphType { Name = name, Description = $"Filter for {model.GraphTypeName} items; all given fields must match." };
        AddCombinators(type, name);
        foreach (var member in model.Members.Where(m => m.Filterable))
        {
            var fieldType = member.Kind switch
            {
                MemberKind.Reference => FilterName(member.TargetModel),
                MemberKind.Collection => ListFilterName(member.TargetModel),
                _ => OperationFilterName(member),
            };
            type.AddField(new FieldType { Name = member.Name, ResolvedType = new GraphQLTypeReference(fieldType), Description = member.Description });
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
