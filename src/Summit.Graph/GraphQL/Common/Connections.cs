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
}
