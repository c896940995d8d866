using System.Collections;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.Types;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// GraphQL.NET's <see cref="SerialExecutionStrategy"/> for queries, with two of its steps taken without the
/// allocations the general versions make for every list and every batched row (a closure, a task and up to two
/// state machines each; together about a twentieth of an uncached schedule's allocations):
/// <list type="bullet">
/// <item>a batched row whose batch has already arrived (<see cref="IArrivedDataLoaderResult"/>) is completed in
/// place instead of through <see cref="IDataLoaderResult.GetResultAsync"/>;</item>
/// <item>the items of a list of objects are built in one loop, awaiting only an item that completes
/// asynchronously (a nested list's).</item>
/// </list>
/// Everything else (errors, null propagation, lists of scalars, abstract types) is GraphQL.NET's own code: each fast
/// path falls back to the base method for any case it does not take.
/// </summary>
public sealed class QueryExecutionStrategy : SerialExecutionStrategy
{
    protected override Task CompleteDataLoaderNodeAsync(ExecutionContext context, ExecutionNode node)
    {
        // The base method also publishes the field context to a resolve-field-context accessor; the schema sets none.
        if (node.Result is IArrivedDataLoaderResult pending && (context.Schema as Schema)?.ResolveFieldContextAccessor is null
            && pending.TryGetArrived(out var value))
        {
            node.Result = value;
            return value is IDataLoaderResult ? Task.CompletedTask : CompleteNodeAsync(context, node);
        }

        return base.CompleteDataLoaderNodeAsync(context, node);
    }

    protected override Task SetArrayItemNodesAsync(ExecutionContext context, ArrayExecutionNode parent)
    {
        var itemType = ((ListGraphType)parent.GraphType).ResolvedType!;
        if (itemType is NonNullGraphType nonNull)
        {
            itemType = nonNull.ResolvedType!;
        }

        if (itemType is ScalarGraphType || parent.Result is not IList list)
        {
            return base.SetArrayItemNodesAsync(context, parent);
        }

        var items = new List<ExecutionNode>(list.Count);
        for (var index = 0; index < list.Count; index++)
        {
            var completion = AddItem(context, parent, itemType, list[index], index, items);
            if (!completion.IsCompletedSuccessfully)
            {
                return CompleteItemsAsync(context, parent, itemType, list, index, completion, items);
            }
        }

        parent.Items = items;
        return Task.CompletedTask;
    }

    /// <summary>What the loop above does from the first item that did not complete at once.</summary>
    private async Task CompleteItemsAsync(ExecutionContext context, ArrayExecutionNode parent, IGraphType itemType, IList list, int index, Task pending, List<ExecutionNode> items)
    {
        await pending.ConfigureAwait(false);
        for (index++; index < list.Count; index++)
        {
            await AddItem(context, parent, itemType, list[index], index, items).ConfigureAwait(false);
        }

        parent.Items = items;
    }

    /// <summary>As GraphQL.NET builds an item: the node is added once it is complete; a pending batched row completes later.</summary>
    private Task AddItem(ExecutionContext context, ArrayExecutionNode parent, IGraphType itemType, object? value, int index, List<ExecutionNode> items)
    {
        var node = BuildExecutionNode(parent, itemType, parent.Field, parent.FieldDefinition, index);
        node.Result = value;
        items.Add(node);
        return value is IDataLoaderResult ? Task.CompletedTask : CompleteNodeAsync(context, node);
    }
}

/// <summary>
/// A batched result that can tell without a task whether its batch has arrived, so that
/// <see cref="QueryExecutionStrategy"/> completes it in place.
/// </summary>
public interface IArrivedDataLoaderResult : IDataLoaderResult
{
    /// <summary>The value, when its batch has arrived and succeeded; false while it is pending or when it failed.</summary>
    bool TryGetArrived(out object? value);
}
