using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;

namespace Summit.Graph.GraphQL.Common;

/// <summary>A page of a cursor connection, as the connection's graph type reads it.</summary>
public sealed record ConnectionPage(IReadOnlyList<ConnectionEdge> Edges, PageInfo PageInfo, int? TotalCount);

public sealed record ConnectionEdge(string Cursor, object Node);

/// <summary>
/// HotChocolate-style connection types named after their field (<c>SessionsConnection</c>, <c>SessionsEdge</c>)
/// with <c>edges</c>, <c>nodes</c>, <c>pageInfo</c> and <c>totalCount</c>.
/// </summary>
public static class Connections
{
    public static string ConnectionName(string fieldName) => $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}Connection";

    public static IEnumerable<IGraphType> Create(string fieldName, string nodeTypeName)
    {
        var prefix = $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}";
        var edge = new ObjectGraphType { Name = $"{prefix}Edge", Description = "An edge in a connection." };
        edge.AddField(new FieldType
        {
            Name = "cursor",
            Description = "A cursor for use in pagination.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("String")),
            Resolver = new FuncFieldResolver<ConnectionEdge, string>(c => c.Source.Cursor),
        });
        edge.AddField(new FieldType
        {
            Name = "node",
            Description = "The item at the end of the edge.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference(nodeTypeName)),
            Resolver = new FuncFieldResolver<ConnectionEdge, object>(c => c.Source.Node),
        });

        var connection = new ObjectGraphType { Name = $"{prefix}Connection", Description = "A connection to a list of items." };
        connection.AddField(new FieldType
        {
            Name = "pageInfo",
            Description = "Information to aid in pagination.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("PageInfo")),
            Resolver = new FuncFieldResolver<ConnectionPage, PageInfo>(c => c.Source.PageInfo),
        });
        connection.AddField(new FieldType
        {
            Name = "edges",
            Description = "A list of edges.",
            ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(edge.Name))),
            Resolver = new FuncFieldResolver<ConnectionPage, IReadOnlyList<ConnectionEdge>>(c => c.Source.Edges),
        });
        connection.AddField(new FieldType
        {
            Name = "nodes",
            Description = "A flattened list of the nodes.",
            ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(nodeTypeName))),
            Resolver = new FuncFieldResolver<ConnectionPage, IEnumerable<object>>(c => c.Source.Edges.Select(e => e.Node)),
        });
        connection.AddField(new FieldType
        {
            Name = "totalCount",
            Description = "Identifies the total count of items in the connection (counted only when asked for).",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("Int")),
            Resolver = new FuncFieldResolver<ConnectionPage, int>(c => c.Source.TotalCount ?? 0),
        });
        return [edge, connection];
    }

    public static IGraphType PageInfo() => new PageInfoType();

    /// <summary>The paging arguments of every connection field, as HotChocolate declares them.</summary>
    public static IEnumerable<QueryArgument> PagingArguments() =>
    [
        new QueryArgument<IntGraphType> { Name = "first", Description = "Returns the first _n_ elements from the list." },
        new QueryArgument<StringGraphType> { Name = "after", Description = "Returns the elements in the list that come after the specified cursor." },
        new QueryArgument<IntGraphType> { Name = "last", Description = "Returns the last _n_ elements from the list." },
        new QueryArgument<StringGraphType> { Name = "before", Description = "Returns the elements in the list that come before the specified cursor." },
    ];

    /// <summary>
    /// The projection a connection's nodes of <paramref name="nodeType"/> need: the fields selected under <c>nodes</c> and
    /// <c>edges { node }</c> (for a union, inside fragments on that type).
    /// </summary>
    public static ProjectionTree NodeSelection(IResolveFieldContext context, IObjectGraphType nodeType)
    {
        var connectionType = (IObjectGraphType)context.FieldDefinition.ResolvedType!.GetNamedType();
        var tree = new ProjectionTree();
        foreach (var nodes in SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "nodes"))
        {
            SelectionCollector.Collect(context, nodes.SelectionSet, nodeType, tree);
        }

        var edgeType = (IObjectGraphType)connectionType.GetField("edges")!.ResolvedType!.GetNamedType();
        foreach (var edges in SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "edges"))
        {
            foreach (var node in SelectionCollector.Named(context, edges.SelectionSet, edgeType, "node"))
            {
                SelectionCollector.Collect(context, node.SelectionSet, nodeType, tree);
            }
        }

        return tree;
    }
}

/// <summary>
/// One page a connection field is asked for: its size from <c>first</c> or <c>last</c> (<see cref="PagingOptions"/>
/// bound it), the direction, the cursors as given, and which of the costlier parts of the answer are selected.
/// </summary>
public sealed record PageRequest(int Size, bool Backward, string? After, string? Before, bool WantsOpposite, bool WantsTotalCount)
{
    /// <summary>
    /// The page of the field being resolved. <c>PAGING_INVALID</c> for <c>first</c> with <c>last</c> or a negative size,
    /// <c>PAGING_MAX_PAGE_SIZE_EXCEEDED</c> above <see cref="PagingOptions.MaxPageSize"/>.
    /// </summary>
    public static PageRequest Of(IResolveFieldContext context, PagingOptions limits)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var backward = last is not null;
        var connectionType = (IObjectGraphType)context.FieldDefinition.ResolvedType!.GetNamedType();
        var pageInfoType = (IObjectGraphType)connectionType.GetField("pageInfo")!.ResolvedType!.GetNamedType();
        var pageInfoFields = SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "pageInfo")
            .SelectMany(p => SelectionCollector.Fields(context, p.SelectionSet, pageInfoType))
            .Select(f => f.Name.StringValue).ToHashSet();
        return new PageRequest(SizeOf(first, last, limits), backward, context.GetArgument<string?>("after"), context.GetArgument<string?>("before"),
            pageInfoFields.Contains(backward ? "hasNextPage" : "hasPreviousPage"),
            SelectionCollector.Named(context, context.FieldAst.SelectionSet, connectionType, "totalCount").Any());
    }

    /// <summary>
    /// The page from <paramref name="rows"/>, read in the page's direction with one row more than <see cref="Size"/>
    /// (that row only tells whether more follow). <paramref name="hasOpposite"/>: whether rows lie on the cursor's far side.
    /// </summary>
    public ConnectionPage Page<T>(List<T> rows, Func<T, ConnectionEdge> edge, bool hasOpposite, int? totalCount)
    {
        var hasMore = rows.Count > Size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (Backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(edge).ToList();
        var pageInfo = new PageInfo
        {
            HasNextPage = Backward ? hasOpposite : hasMore,
            HasPreviousPage = Backward ? hasMore : hasOpposite,
            StartCursor = edges.FirstOrDefault()?.Cursor,
            EndCursor = edges.LastOrDefault()?.Cursor,
        };
        return new ConnectionPage(edges, pageInfo, totalCount);
    }

    private static int SizeOf(int? first, int? last, PagingOptions limits)
    {
        if (first is not null && last is not null)
        {
            throw new QueryArgumentException("Pass either 'first' or 'last', not both.", "PAGING_INVALID");
        }

        var requested = first ?? last;
        var argument = first is not null ? "first" : "last";
        if (requested is null)
        {
            return limits.DefaultPageSize;
        }

        if (requested < 0)
        {
            throw new QueryArgumentException($"'{argument}' must not be negative; it was {requested}.", "PAGING_INVALID");
        }

        return requested > limits.MaxPageSize
            ? throw new QueryArgumentException(
                $"'{argument}' asked for {requested} items, but a page holds at most {limits.MaxPageSize}. Page through with 'after'.",
                "PAGING_MAX_PAGE_SIZE_EXCEEDED")
            : requested.Value;
    }
}
