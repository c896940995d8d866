using System.Net;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// SQL injection strings in every operation of every string field of every filter, generated from the printed
/// schema (<c>schema/summit.graphql</c>), so a new field or operation is covered without touching this test.
/// </summary>
public sealed class SqlInjectionTests(HostileServer editing) : IClassFixture<HostileServer>
{
    /// <summary>Strings that would change the SQL if they were pasted into it; none occurs in the data.</summary>
    private static readonly string[] Injections =
    [
        "' OR '1'='1",
        "'; DROP TABLE \"Sessions\"; --",
        "\" OR \"\"=\"",
        "%_%",
        "\\' OR 1=1 --",
        "1) OR (1=1",
        "') UNION SELECT \"Hash\" FROM \"ApiKeys\" --",
        "*/ OR 1=1 /*",
        "[%]",
        "' || (SELECT 1) || '",
    ];

    /// <summary>The root (or, for types without one, <c>event</c>) fields that take a <c>where</c>, with each string field of their filter.</summary>
    public static TheoryData<string, string> StringFilters()
    {
        var document = GraphQLParser.Parser.Parse(File.ReadAllText(RepositoryFiles.PathOf("schema/summit.graphql")));
        var objects = document.Definitions.OfType<GraphQLObjectTypeDefinition>().ToDictionary(t => t.Name.StringValue);
        var inputs = document.Definitions.OfType<GraphQLInputObjectTypeDefinition>().ToDictionary(t => t.Name.StringValue);
        var data = new TheoryData<string, string>();
        var covered = new HashSet<string>();
        foreach (var (owner, prefix) in new[] { ("Query", ""), ("Event", "event ") })
        {
            foreach (var field in objects[owner].Fields!)
            {
                if (field.Arguments?.FirstOrDefault(a => a.Name.StringValue == "where") is not { } where
                    || NamedType(where.Type) is not { } filterType || !covered.Add(filterType))
                {
                    continue;
                }

                var selection = NamedType(field.Type)!.EndsWith("Connection", StringComparison.Ordinal) ? "totalCount" : "id";
                var path = $"{prefix}{field.Name.StringValue}|{filterType}|{selection}";
                foreach (var filterField in inputs[filterType].Fields!.Where(f => NamedType(f.Type) == "StringOperationFilterInput"))
                {
                    data.Add(path, filterField.Name.StringValue);
                }
            }
        }

        return data;
    }

    /// <summary>Every operation of <c>StringOperationFilterInput</c> but <c>and</c>/<c>or</c>, and whether it takes a list.</summary>
    private static List<(string Name, bool IsList, bool Negated)> Operations()
    {
        var document = GraphQLParser.Parser.Parse(File.ReadAllText(RepositoryFiles.PathOf("schema/summit.graphql")));
        return [.. document.Definitions.OfType<GraphQLInputObjectTypeDefinition>()
            .Single(t => t.Name.StringValue == "StringOperationFilterInput").Fields!
            .Where(f => f.Name.StringValue is not ("and" or "or"))
            .Select(f => (f.Name.StringValue, f.Type is GraphQLListType, f.Name.StringValue[0] == 'n'))];
    }

    [Theory]
    [MemberData(nameof(StringFilters))]
    public async Task InjectionStringsInEveryStringFilterAreMatchedAsPlainText(string path, string field)
    {
        var parts = path.Split('|');
        var (fieldPath, filterType, selection) = (parts[0].Split(' '), parts[1], parts[2]);
        var query = $"query($w: {filterType}) {{ {string.Join(" { ", fieldPath[..^1])}{(fieldPath.Length > 1 ? " { " : "")}{fieldPath[^1]}(where: $w) {{ {selection} }}{new string('}', fieldPath.Length - 1)} }}";
        var before = await editing.Server.DumpDatabaseAsync();

        foreach (var (operation, isList, negated) in Operations())
        {
            var where = new JsonObject
            {
                ["or"] = isList
                    ? new JsonArray(new JsonObject { [field] = new JsonObject { [operation] = new JsonArray([.. Injections.Select(i => JsonValue.Create(i))]) } })
                    : new JsonArray([.. Injections.Select(i => new JsonObject { [field] = new JsonObject { [operation] = i } })]),
            };
            var response = await editing.Server.PostAsync(query, new { w = where }, bearerKey: editing.Editor.Key);

            Assert.True(response.Status == HttpStatusCode.OK && response.Errors is null, $"{fieldPath[^1]}.{field}.{operation}: {HostileRequests.Truncate(response.Body)}");
            response.AssertNoLeak();
            if (!negated)
            {
                var result = fieldPath.Length > 1 ? response.Data![fieldPath[0]]![fieldPath[1]] : response.Data![fieldPath[0]];
                var matches = selection == "totalCount" ? result!["totalCount"]!.GetValue<int>() : result!.AsArray().Count;
                Assert.True(matches == 0, $"{fieldPath[^1]}.{field}.{operation} matched {matches} rows: an injection string was not taken literally.");
            }
        }

        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
    }

    private static string? NamedType(GraphQLType type) => type switch
    {
        GraphQLNamedType named => named.Name.StringValue,
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => NamedType(list.Type),
        _ => null,
    };
}
