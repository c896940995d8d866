using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Schema;

[Collection(SummitServerCollection.Name)]
public sealed class SchemaFileTests(SummitServer server)
{
    private const string SchemaFile = "schema/summit.graphql";

    [Fact]
    public async Task SchemaFileEqualsTheSchemaTheServerPrints()
    {
        var printed = GraphQLServiceExtensions.PrintSchema(server.Services.GetRequiredService<ISchema>());
        var path = RepositoryFiles.PathOf(SchemaFile);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, printed);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(committed == printed,
            $"{SchemaFile} differs from the schema the server prints. Review the change, then update the file with " +
            "`UPDATE_SCHEMA=1 dotnet test --filter SchemaFileEqualsTheSchemaTheServerPrints` and commit it.");
    }

    [Fact]
    public async Task SchemaEndpointServesTheSameSdl()
    {
        using var client = server.CreateClient();
        var served = await client.GetStringAsync("/graphql/schema.graphql");

        Assert.Equal(GraphQLServiceExtensions.PrintSchema(server.Services.GetRequiredService<ISchema>()), served);
        Assert.Contains("type Session implements Node", served, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTypeFieldArgumentAndEnumValueHasADescription()
    {
        var schema = server.Services.GetRequiredService<ISchema>();
        var undocumented = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t is not ScalarGraphType))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                undocumented.Add(type.Name);
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        undocumented.Add($"{type.Name}.{field.Name}");
                    }

                    undocumented.AddRange((field.Arguments ?? []).Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})"));
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                undocumented.AddRange(enumeration.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{type.Name}.{v.Name}"));
            }
        }

        Assert.Empty(undocumented);
    }
}
