using System.Linq.Expressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Summit.Graph.GraphQL.Common;

/// <summary>Field metadata that tells the projection which entity members a field reads.</summary>
public static class ProjectionMetadata
{
    /// <summary>A <see cref="LambdaExpression"/>: the member the field returns; object fields project their sub-selection into it.</summary>
    public const string Member = "summit.projection.member";

    /// <summary>A <see cref="LambdaExpression"/>[]: members a resolver needs (foreign keys for loaders, inputs of computed values).</summary>
    public const string Requires = "summit.projection.requires";

    public static FieldType Projects(this FieldType field, LambdaExpression member)
    {
        field.Metadata[Member] = member;
        return field;
    }

    public static FieldType RequiresMembers(this FieldType field, params LambdaExpression[] members)
    {
        field.Metadata[Requires] = members;
        return field;
    }
}

/// <summary>
/// Walks a field's selection set (through fragments, honouring <c>@skip</c>/<c>@include</c>) and collects
/// the members its fields project, into a <see cref="ProjectionTree"/>.
/// </summary>
public static class SelectionCollector
{
    public static ProjectionTree Collect(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IObjectGraphType type)
    {
        var tree = new ProjectionTree();
        Collect(context, selectionSet, type, tree);
        return tree;
    }

    public static void Collect(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IObjectGraphType type, ProjectionTree tree)
    {
        foreach (var field in Fields(context, selectionSet, type))
        {
            var definition = type.GetField(field.Name.StringValue);
            if (definition is null)
            {
                continue;
            }

            if (definition.Metadata.TryGetValue(ProjectionMetadata.Requires, out var requires) && requires is LambdaExpression[] members)
            {
                foreach (var member in members)
                {
                    tree.Add(member);
                }
            }

            if (!definition.Metadata.TryGetValue(ProjectionMetadata.Member, out var projected) || projected is not LambdaExpression lambda)
            {
                continue;
            }

            var path = ExpressionTools.MemberPath(lambda) ?? throw new InvalidOperationException($"{lambda} is not a member chain.");
            tree.Add(path);
            if (field.SelectionSet is not null && definition.ResolvedType?.GetNamedType() is IObjectGraphType nestedType)
            {
                var child = tree;
                foreach (var member in path)
                {
                    child = child.Children[member];
                }

                Collect(context, field.SelectionSet, nestedType, child);
            }
        }
    }

    /// <summary>The fields of a selection set that apply to <paramref name="type"/>, fragments expanded.</summary>
    public static IEnumerable<GraphQLField> Fields(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IObjectGraphType type)
    {
        if (selectionSet is null)
        {
            yield break;
        }

        foreach (var selection in selectionSet.Selections)
        {
            if (selection is IHasDirectivesNode withDirectives && !Included(context, withDirectives))
            {
                continue;
            }

            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline when Applies(inline.TypeCondition, type):
                    foreach (var field in Fields(context, inline.SelectionSet, type))
                    {
                        yield return field;
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name);
                    if (fragment is not null && Applies(fragment.TypeCondition, type))
                    {
                        foreach (var field in Fields(context, fragment.SelectionSet, type))
                        {
                            yield return field;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The sub-selection of the first selected field named <paramref name="name"/>, merged over aliases.</summary>
    public static IEnumerable<GraphQLField> Named(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IObjectGraphType type, string name) =>
        Fields(context, selectionSet, type).Where(f => f.Name.StringValue == name);

    private static bool Applies(GraphQLTypeCondition? condition, IObjectGraphType type) =>
        condition is null
        || condition.Type.Name.StringValue == type.Name
        || type.ResolvedInterfaces.Any(i => i.Name == condition.Type.Name.StringValue);

    private static bool Included(IResolveFieldContext context, IHasDirectivesNode node)
    {
        if (node.Directives is null)
        {
            return true;
        }

        foreach (var directive in node.Directives)
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var argument = directive.Arguments?.FirstOrDefault(a => a.Name.StringValue == "if")?.Value;
            var value = argument switch
            {
                GraphQLTrueBooleanValue => true,
                GraphQLFalseBooleanValue => false,
                GraphQLVariable variable => context.Variables?.ValueFor(variable.Name.StringValue, out var v) == true && v.Value is true,
                _ => false,
            };
            if (name == "skip" ? value : !value)
            {
                return false;
            }
        }

        return true;
    }
}
