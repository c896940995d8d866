using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Summit.Graph.GraphQL.Common;

/// <summary>Field metadata that tells the projection which entity members a field reads.</summary>
public static class ProjectionMetadata
{
    /// <summary>
    /// The member chain (<c>IReadOnlyList&lt;MemberInfo&gt;</c>) the field returns; object fields project their
    /// sub-selection into it. Kept as a chain, worked out once when the schema is built, not on every request.
    /// </summary>
    public const string Member = "summit.projection.member";

    /// <summary>Member chains (<c>IReadOnlyList&lt;MemberInfo&gt;[]</c>) a resolver needs (foreign keys for loaders, inputs of computed values).</summary>
    public const string Requires = "summit.projection.requires";

    public static FieldType Projects(this FieldType field, LambdaExpression member)
    {
        field.Metadata[Member] = PathOf(member);
        return field;
    }

    public static FieldType RequiresMembers(this FieldType field, params LambdaExpression[] members)
    {
        field.Metadata[Requires] = members.Select(PathOf).ToArray();
        return field;
    }

    private static IReadOnlyList<MemberInfo> PathOf(LambdaExpression member) =>
        ExpressionTools.MemberPath(member) ?? throw new InvalidOperationException($"{member} is not a member chain.");
}

/// <summary>
/// Walks a field's selection set (through fragments, honouring <c>@skip</c>/<c>@include</c>) and collects
/// the members its fields project, into a <see cref="ProjectionTree"/>.
/// </summary>
public static class SelectionCollector
{
    // Per parsed selection set (a kept document's are the same objects in every request): whether a variable can
    // change what it selects, and its trees by type.
    private static readonly ConditionalWeakTable<GraphQLSelectionSet, SharedTrees> Shared = new();

    /// <summary>
    /// The tree of <paramref name="selectionSet"/>, shared read-only (<see cref="ProjectionTree.Freeze"/>) by every request
    /// of the same parsed document when no variable can change it (no <c>@skip</c>/<c>@include</c> on a variable, in it
    /// or in the fragments it spreads); collected afresh otherwise. Never add to the result: use <see cref="Collect(IResolveFieldContext, GraphQLSelectionSet?, IObjectGraphType)"/>.
    /// </summary>
    public static ProjectionTree CollectShared(IResolveFieldContext context, GraphQLSelectionSet? selectionSet, IObjectGraphType type)
    {
        if (selectionSet is null)
        {
            return Collect(context, selectionSet, type);
        }

        if (!Shared.TryGetValue(selectionSet, out var shared))
        {
            shared = Remember(context.Document, selectionSet);
        }

        return shared.DependsOnVariables
            ? Collect(context, selectionSet, type)
            : shared.Trees.GetOrAdd(type, static (nodeType, state) => Collect(state.Context, state.SelectionSet, nodeType).Freeze(), (Context: context, SelectionSet: selectionSet));
    }

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

            if (definition.Metadata.TryGetValue(ProjectionMetadata.Requires, out var requires) && requires is IReadOnlyList<MemberInfo>[] paths)
            {
                foreach (var required in paths)
                {
                    tree.Add(required);
                }
            }

            if (!definition.Metadata.TryGetValue(ProjectionMetadata.Member, out var projected) || projected is not IReadOnlyList<MemberInfo> path)
            {
                continue;
            }

            var node = tree.Add(path);
            if (field.SelectionSet is not null && definition.ResolvedType?.GetNamedType() is IObjectGraphType nestedType)
            {
                Collect(context, field.SelectionSet, nestedType, node);
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

    // Apart from CollectShared so that its lambda's closure is made only when a selection set is first seen.
    private static SharedTrees Remember(GraphQLDocument document, GraphQLSelectionSet selectionSet) =>
        Shared.GetValue(selectionSet, set => new SharedTrees(DependsOnVariables(document, set, [])));

    private static bool DependsOnVariables(GraphQLDocument document, GraphQLSelectionSet selectionSet, HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (selection is IHasDirectivesNode { Directives: { } directives }
                && directives.Items.Any(d => d.Arguments?.Items.Any(a => a.Value is GraphQLVariable) == true))
            {
                return true;
            }

            var nested = selection switch
            {
                GraphQLField field => field.SelectionSet,
                GraphQLInlineFragment inline => inline.SelectionSet,
                GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue) => document.Definitions
                    .OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name)?.SelectionSet,
                _ => null,
            };
            if (nested is not null && DependsOnVariables(document, nested, visitedFragments))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record SharedTrees(bool DependsOnVariables)
    {
        public ConcurrentDictionary<IObjectGraphType, ProjectionTree> Trees { get; } = new();
    }

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
