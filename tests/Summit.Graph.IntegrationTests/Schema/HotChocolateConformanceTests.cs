using System.Text;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.GraphQL;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Schema;

/// <summary>
/// Per entity, the SDL HotChocolate 16 prints for the same EF Core model (<c>Schema/HotChocolate16/&lt;Entity&gt;.graphql</c>,
/// worked out from its conventions and snapshot files and reviewed by hand): filter and sort inputs, connection and edge,
/// the root and mutation fields and their payloads. The server's SDL must match it, apart from the documented additions,
/// which are removed before comparing: <c>*IgnoreCase</c> string operations and <c>and</c>/<c>or</c> on operation inputs
/// (HotChocolate has them on <c>StringOperationFilterInput</c> only). Descriptions and applied directives are not compared
/// here (the cost directives have their own tests).
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class HotChocolateConformanceTests(SummitServer server)
{
    private const string Folder = "tests/Summit.Graph.IntegrationTests/Schema/HotChocolate16";

    /// <summary>Types compared by the fields the expected file lists (other fields are other entities').</summary>
    private static readonly HashSet<string> SharedTypes = ["Query", "Mutation"];

    /// <summary>Every entity's file, the shared types' and the search's (a connection of a union, which is no entity).</summary>
    public static TheoryData<string> Entities() => [.. SummitSchema.FilterableModels.Select(m => m.GraphTypeName), "Common", "Search"];

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task TheServerPrintsWhatHotChocolatePrintsForTheEntity(string entity)
    {
        var served = Definitions(GraphQLServiceExtensions.PrintSchema(server.Services.GetRequiredService<ISchema>()));
        var path = RepositoryFiles.PathOf(Path.Combine(Folder, entity + ".graphql"));
        var expected = Definitions(await File.ReadAllTextAsync(path));

        var differences = new List<string>();
        foreach (var (name, definition) in expected)
        {
            if (!served.TryGetValue(name, out var actual))
            {
                differences.Add($"{name}: missing");
                continue;
            }

            var wanted = Print(definition, only: null);
            var printed = Print(actual, only: SharedTypes.Contains(name) ? Members(definition) : null);
            if (wanted != printed)
            {
                differences.Add($"expected:\n{wanted}\nserved:\n{printed}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void EveryFilterAndSortInputIsHeldByAConformanceFile()
    {
        var held = Directory.GetFiles(RepositoryFiles.PathOf(Folder), "*.graphql")
            .SelectMany(file => Definitions(File.ReadAllText(file)).Keys).ToHashSet();
        var schema = server.Services.GetRequiredService<ISchema>();
        var inputs = schema.AllTypes.Select(t => t.Name)
            .Where(n => n.EndsWith("FilterInput", StringComparison.Ordinal) || n.EndsWith("SortInput", StringComparison.Ordinal) || n.EndsWith("Connection", StringComparison.Ordinal));

        Assert.All(inputs, name => Assert.Contains(name, held));
    }

    private static Dictionary<string, ASTNode> Definitions(string sdl) =>
        GraphQLParser.Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(d => d.Name.StringValue, d => (ASTNode)d);

    private static HashSet<string> Members(ASTNode definition) => definition switch
    {
        GraphQLObjectTypeDefinition type => [.. type.Fields?.Select(f => f.Name.StringValue) ?? []],
        _ => [],
    };

    /// <summary>The definition without descriptions and directives, and without this server's documented additions.</summary>
    private static string Print(ASTNode definition, HashSet<string>? only)
    {
        var text = new StringBuilder();
        switch (definition)
        {
            case GraphQLInputObjectTypeDefinition input:
                text.Append($"input {input.Name.StringValue} {{\n");
                foreach (var field in input.Fields?.Items ?? [])
                {
                    var name = field.Name.StringValue;
                    var addition = name.EndsWith("IgnoreCase", StringComparison.Ordinal)
                        || (name is "and" or "or" && input.Name.StringValue.EndsWith("OperationFilterInput", StringComparison.Ordinal) && input.Name.StringValue != "StringOperationFilterInput");
                    if (!addition)
                    {
                        text.Append($"  {name}: {Type(field.Type)}{Default(field.DefaultValue)}\n");
                    }
                }

                break;
            case GraphQLObjectTypeDefinition type:
                var interfaces = type.Interfaces?.Items.Select(i => i.Name.StringValue).ToList() ?? [];
                text.Append($"type {type.Name.StringValue}{(interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", interfaces))} {{\n");
                foreach (var field in (type.Fields?.Items ?? []).Where(f => only is null || only.Contains(f.Name.StringValue)))
                {
                    var arguments = field.Arguments?.Items.Select(a => $"{a.Name.StringValue}: {Type(a.Type)}{Default(a.DefaultValue)}").ToList() ?? [];
                    text.Append($"  {field.Name.StringValue}{(arguments.Count == 0 ? "" : "(" + string.Join(", ", arguments) + ")")}: {Type(field.Type)}\n");
                }

                break;
            case GraphQLUnionTypeDefinition union:
                return $"union {union.Name.StringValue} = {string.Join(" | ", union.Types?.Items.Select(t => t.Name.StringValue) ?? [])}";
            case GraphQLEnumTypeDefinition enumeration:
                return $"enum {enumeration.Name.StringValue} {{ {string.Join(" ", enumeration.Values?.Items.Select(v => v.Name.StringValue) ?? [])} }}";
            case GraphQLInterfaceTypeDefinition face:
                return $"interface {face.Name.StringValue} {{ {string.Join(" ", face.Fields?.Items.Select(f => $"{f.Name.StringValue}: {Type(f.Type)}") ?? [])} }}";
            default:
                return definition.ToString()!;
        }

        return text.Append('}').ToString();
    }

    private static string Type(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Type(nonNull.Type) + "!",
        GraphQLListType list => $"[{Type(list.Type)}]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    private static string Default(GraphQLValue? value) => value switch
    {
        null => "",
        GraphQLBooleanValue boolean => " = " + (boolean.BoolValue ? "true" : "false"),
        GraphQLIntValue number => " = " + number.Value,
        GraphQLStringValue text => $" = \"{text.Value}\"",
        GraphQLEnumValue member => " = " + member.Name.StringValue,
        _ => " = " + value.Kind,
    };
}
