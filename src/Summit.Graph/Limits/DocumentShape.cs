using GraphQLParser.AST;

namespace Summit.Graph.Limits;

/// <summary>
/// What a parsed document holds that makes validation or execution grow faster than the document, counted before
/// validation with a stack of its own. The specification's overlapping-fields rule compares every two fragment
/// spreads of a selection set and every two fields answering under the same name (inline fragments merged in):
/// 2,000 distinct spreads took 1.3 s of CPU, and 420 fields named <c>event</c> with different arguments 1.1 s, all
/// within the token limit. Introspection answers a whole schema per <c>__schema</c> or <c>__type</c> selection:
/// 90 aliased ones answered 5.9 MB.
/// </summary>
/// <param name="FragmentSpreads">The <c>...Name</c> spreads written anywhere in the document.</param>
/// <param name="IntrospectionSelections">The <c>__schema</c> and <c>__type</c> fields written anywhere in the document.</param>
/// <param name="MostFieldRepeats">The most fields one selection set answers under the same response name, its inline fragments' fields included.</param>
public sealed record DocumentShape(int FragmentSpreads, int IntrospectionSelections, int MostFieldRepeats)
{
    public static DocumentShape Measure(GraphQLDocument document)
    {
        int spreads = 0, introspection = 0, mostRepeats = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    pending.Push(operation.SelectionSet);
                    break;
                case GraphQLFragmentDefinition fragment:
                    pending.Push(fragment.SelectionSet);
                    break;
            }
        }

        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new Stack<GraphQLSelectionSet>();
        while (pending.TryPop(out var selectionSet))
        {
            // The fields this selection set answers: its own and those of its inline fragments, which merge into it.
            repeats.Clear();
            merged.Push(selectionSet);
            while (merged.TryPop(out var set))
            {
                foreach (var selection in set.Selections)
                {
                    switch (selection)
                    {
                        case GraphQLFragmentSpread:
                            spreads++;
                            break;
                        case GraphQLInlineFragment inline:
                            merged.Push(inline.SelectionSet);
                            break;
                        case GraphQLField field:
                            var name = field.Name.StringValue;
                            introspection += name is "__schema" or "__type" ? 1 : 0;
                            var responseName = field.Alias?.Name.StringValue ?? name;
                            repeats[responseName] = repeats.GetValueOrDefault(responseName) + 1;
                            if (field.SelectionSet is { } children)
                            {
                                pending.Push(children);
                            }

                            break;
                    }
                }
            }

            mostRepeats = repeats.Count == 0 ? mostRepeats : Math.Max(mostRepeats, repeats.Values.Max());
        }

        return new DocumentShape(spreads, introspection, mostRepeats);
    }
}
