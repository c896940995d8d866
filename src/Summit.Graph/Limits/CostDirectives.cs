using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQL.Utilities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Limits;

/// <summary>
/// The IBM cost specification's <c>@cost(weight:)</c> (https://ibm.github.io/graphql-specs/cost-spec.html), defined
/// word for word as HotChocolate 16 prints it. The weight is a string holding a number, as the specification has it.
/// </summary>
public sealed class CostDirective : Directive
{
    public const string DirectiveName = "cost";

    /// <summary>Listed by introspection, as HotChocolate lists it (GraphQL.NET hides type-system directives by default).</summary>
    public override bool? Introspectable => true;

    public CostDirective()
        : base(DirectiveName, DirectiveLocation.Scalar, DirectiveLocation.Object, DirectiveLocation.FieldDefinition,
            DirectiveLocation.ArgumentDefinition, DirectiveLocation.Enum, DirectiveLocation.InputFieldDefinition)
    {
        Description = "The purpose of the `cost` directive is to define a `weight` for GraphQL types, fields, and arguments. Static analysis can use these weights when calculating the overall cost of a query or response.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = "weight",
            Description = "The `weight` argument defines what value to add to the overall cost for every appearance, or possible appearance, of a type, field, argument, etc.",
        });
    }
}

/// <summary>
/// The IBM cost specification's <c>@listSize</c>, defined word for word as HotChocolate 16 prints it (with its
/// <c>slicingArgumentDefaultValue</c>, HotChocolate's addition: the size when no slicing argument is given).
/// </summary>
public sealed class ListSizeDirective : Directive
{
    public const string DirectiveName = "listSize";

    /// <summary>Listed by introspection, as HotChocolate lists it.</summary>
    public override bool? Introspectable => true;

    public ListSizeDirective()
        : base(DirectiveName, DirectiveLocation.FieldDefinition)
    {
        Description = "The purpose of the `@listSize` directive is to either inform the static analysis about the size of returned lists (if that information is statically available), or to point the analysis to where to find that information.";
        Arguments = new QueryArguments(
            new QueryArgument<IntGraphType>
            {
                Name = "assumedSize",
                Description = "The `assumedSize` argument can be used to statically define the maximum length of a list returned by a field.",
            },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>>
            {
                Name = "slicingArguments",
                Description = "The `slicingArguments` argument can be used to define which of the field's arguments with numeric type are slicing arguments, so that their value determines the size of the list returned by that field. It may specify a list of multiple slicing arguments.",
            },
            new QueryArgument<IntGraphType>
            {
                Name = "slicingArgumentDefaultValue",
                Description = "The `slicingArgumentDefaultValue` argument can be used to define a default value for a slicing argument, which is used if the argument is not present in a query.",
            },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>>
            {
                Name = "sizedFields",
                Description = "The `sizedFields` argument can be used to define that the value of the `assumedSize` argument or of a slicing argument does not affect the size of a list returned by a field itself, but that of a list returned by one of its sub-fields.",
            },
            new QueryArgument<NonNullGraphType<BooleanGraphType>>
            {
                Name = "requireOneSlicingArgument",
                DefaultValue = true,
                Description = "The `requireOneSlicingArgument` argument can be used to inform the static analysis that it should expect that exactly one of the defined slicing arguments is present in a query. If that is not the case (i.e., if none or multiple slicing arguments are present), the static analysis may throw an error.",
            });
    }
}

/// <summary>
/// The weights HotChocolate 16 gives by default (its <c>CostOptions</c>), and the directives that state them. The
/// schema carries them as <c>@cost</c>/<c>@listSize</c>, and <see cref="OperationCost"/> reads the same applied
/// directives, so what the SDL says and what the server enforces cannot differ.
/// </summary>
public static class CostWeights
{
    /// <summary>A field whose resolver fetches (root fields, loaders, <c>totalCount</c>): HotChocolate's <c>DefaultResolverCost</c>.</summary>
    public const double Resolver = 10;

    /// <summary>A <c>where</c> or <c>order</c> argument.</summary>
    public const double FilterOrSortArgument = 10;

    /// <summary>A filter operation (<c>eq</c>, <c>in</c>, <c>gt</c>, <c>some</c>, ...) or a sort field.</summary>
    public const double Operation = 10;

    /// <summary>A text search operation (<c>contains</c>, <c>startsWith</c>, <c>endsWith</c> and their negations and caseless forms).</summary>
    public const double ExpensiveOperation = 20;

    /// <summary>Applies <c>@cost(weight: "<paramref name="weight"/>")</c>.</summary>
    public static T WithCost<T>(this T element, double weight)
        where T : IMetadataWriter
    {
        element.ApplyDirective(CostDirective.DirectiveName, "weight", weight.ToString(CultureInfo.InvariantCulture));
        return element;
    }

    /// <summary>The weight of <c>@cost</c> on <paramref name="element"/>; null when it has none.</summary>
    public static double? CostOf(IMetadataReader element) =>
        element.FindAppliedDirective(CostDirective.DirectiveName)?.FindArgument("weight")?.Value is string weight
            ? double.Parse(weight, CultureInfo.InvariantCulture)
            : null;
}

/// <summary>
/// Applies <c>@listSize</c> and the resolver weight to the schema's output fields from the metadata the server keeps
/// anyway: connections get HotChocolate's paging directive (<c>Paging:MaxPageSize</c> as the assumed size,
/// <c>first</c>/<c>last</c> slicing, <c>Paging:DefaultPageSize</c> when neither is given, sizing <c>edges</c> and
/// <c>nodes</c>); lists read from the database their <see cref="ListSizes.WithAssumedSize"/> or
/// <c>GraphQL:Limits:ListSizeEstimate</c>; <c>nodes(ids:)</c> <c>GraphQL:Limits:MaxInputListLength</c>, the most IDs
/// it takes. Lists held by their parent (error lists, an edition's local hours) count 1, as in HotChocolate. Fields that fetch get
/// <c>@cost(weight: "10")</c>: root fields, <c>totalCount</c>, and an entity's fields that are neither columns nor
/// projected into its query (its loaders).
/// </summary>
public sealed class CostDirectivesVisitor(OperationLimitOptions limits, PagingOptions paging) : BaseSchemaNodeVisitor
{
    private static readonly string[] SlicingArguments = ["first", "last"];
    private static readonly string[] SizedFields = ["edges", "nodes"];

    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (type.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return;
        }

        if (field.Arguments?.Find("first") is not null)
        {
            field.ApplyDirective(ListSizeDirective.DirectiveName, directive =>
            {
                directive.AddArgument(new("assumedSize") { Value = paging.MaxPageSize });
                directive.AddArgument(new("slicingArguments") { Value = SlicingArguments });
                directive.AddArgument(new("slicingArgumentDefaultValue") { Value = paging.DefaultPageSize });
                directive.AddArgument(new("sizedFields") { Value = SizedFields });
                directive.AddArgument(new("requireOneSlicingArgument") { Value = false });
            });
        }
        else if (IsList(field) && (field.Metadata.ContainsKey(ListSizes.AssumedSize) || field.Arguments?.Find("ids") is not null || Fetches(field, type, schema)))
        {
            var assumed = field.Arguments?.Find("ids") is not null ? limits.MaxInputListLength
                : field.GetMetadata<int?>(ListSizes.AssumedSize) ?? limits.ListSizeEstimate;
            field.ApplyDirective(ListSizeDirective.DirectiveName, directive => directive.AddArgument(new("assumedSize") { Value = assumed }));
        }

        if (Fetches(field, type, schema) && CostWeights.CostOf(field) is null)
        {
            field.WithCost(CostWeights.Resolver);
        }
    }

    private static bool Fetches(FieldType field, IObjectGraphType type, ISchema schema) =>
        type == schema.Query || type == schema.Mutation || type == schema.Subscription
        || (field.Name == "totalCount" && IsInsideConnection(type))
        || (type.ResolvedInterfaces.Any(i => i.Name == "Node") && field.Name != "id" && field.Resolver is not null
            && !field.Metadata.ContainsKey(ProjectionMetadata.Member) && !field.Metadata.ContainsKey(ProjectionMetadata.Requires)
            && field.Resolver.GetType().Name.StartsWith("FuncFieldResolver", StringComparison.Ordinal));

    private static bool IsInsideConnection(IObjectGraphType type) => type.Name.EndsWith("Connection", StringComparison.Ordinal) || type.Name.EndsWith("Edge", StringComparison.Ordinal);

    private static bool IsList(FieldType field) => (field.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : field.ResolvedType) is ListGraphType;
}
