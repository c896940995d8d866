using GraphQL;
using GraphQL.Types;
using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Completes GraphQL.NET 8's introspection types to what HotChocolate 16 (and graphql-js's
/// <c>getIntrospectionQuery</c> with every option) asks for: <c>__Type.specifiedByURL</c> (from
/// <see cref="SpecifiedByDirective"/>), <c>__Type.isOneOf</c> where GraphQL.NET lacks it, and
/// <c>includeDeprecated</c> on <c>__Directive.args</c>, which GraphQL.NET
/// lacks even with <see cref="SchemaFeatures.DeprecationOfInputValues"/> on (it adds <c>__InputValue.isDeprecated</c>
/// and <c>includeDeprecated</c> on field arguments and input fields).
/// </summary>
public sealed class HotChocolateIntrospection : BaseSchemaNodeVisitor
{
    private const string IncludeDeprecated = "includeDeprecated";

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (type.Name == "__Type")
        {
            AddIfMissing(type, new FieldType
            {
                Name = "specifiedByURL",
                Description = "The URL of the specification of a custom scalar's format; null for other types.",
                Type = typeof(StringGraphType),
                ResolvedType = schema.AllTypes["String"],
                Resolver = new FuncFieldResolver<object?>(context => SpecifiedByDirective.UrlOf((IGraphType)context.Source!)),
            });
            AddIfMissing(type, new FieldType
            {
                Name = "isOneOf",
                Description = "Whether an input object is a OneOf input (exactly one field given); null for other types.",
                Type = typeof(BooleanGraphType),
                ResolvedType = schema.AllTypes["Boolean"],
                Resolver = new FuncFieldResolver<object?>(context => context.Source is IInputObjectGraphType ? false : null),
            });
        }
        else if (type.Name == "__Directive")
        {
            AddIncludeDeprecated(type.GetField("args")!, schema);
        }
    }

    /// <summary>Adds <paramref name="field"/> unless GraphQL.NET already answers it (a later version may).</summary>
    private static void AddIfMissing(IObjectGraphType type, FieldType field)
    {
        if (type.GetField(field.Name) is null)
        {
            type.AddField(field);
        }
    }

    private static void AddIncludeDeprecated(FieldType args, ISchema schema)
    {
        if (args.Arguments?.Find(IncludeDeprecated) is not null)
        {
            return;
        }

        args.Arguments ??= new QueryArguments();
        args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"]!)
        {
            Name = IncludeDeprecated,
            Description = "Whether deprecated arguments are listed too.",
            DefaultValue = false,
        });
        var listAll = args.Resolver!;
        args.Resolver = new FuncFieldResolver<object?>(async context =>
        {
            var all = await listAll.ResolveAsync(context).ConfigureAwait(false);
            return context.GetArgument<bool>(IncludeDeprecated) || all is not IEnumerable<QueryArgument> arguments
                ? all
                : arguments.Where(argument => argument.DeprecationReason is null).ToList();
        });
    }
}
