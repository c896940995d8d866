using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.IntegrationTests.Hardening;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>
/// Queries run on <c>QueryExecutionStrategy</c>, GraphQL.NET's serial strategy with fast paths for batched rows and
/// lists of objects: every answer, errors and null propagation included, is the one GraphQL.NET's own strategy gives
/// for the same document on the same data.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class ExecutionStrategyTests(SummitServer server)
{
    public static TheoryData<string, string> Documents => new()
    {
        { "nested batched lists", "{ event { days { date slots { startsAt sessions { slug title presenters { name sessions { slug } } links { url } } } } } }" },
        { "a page of sessions, each with lists", "{ sessions(first: 20) { nodes { id slug presenters { name } links { kind url } slot { startsAt endsAt } } } }" },
        { "items of an abstract type, missing ones null", "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Session { title } ... on Presenter { name } } }" },
        { "an error in every item of a non-null list", """{ days { date slots { startsAt(timeZone: "Mars/Olympus_Mons") sessions { slug } } } }""" },
        { "an error in one field of each listed object", """{ sessions(first: 5) { nodes { slug slot { startsAt(timeZone: "Nowhere/Else") endsAt } } } }""" },
        { "empty lists", """{ sessions(first: 3, where: { slug: { eq: "no-such-session" } }) { nodes { slug presenters { name } } } }""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task AnswersAreGraphQLDotNetsOwn(string what, string document)
    {
        using var reference = server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IExecutionStrategySelector>(new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Query)]))));
        using var client = reference.CreateClient();
        var ids = (await server.QueryAsync("{ sessions(first: 3) { nodes { id presenters { id } } } }"))["sessions"]!["nodes"]!.AsArray()
            .SelectMany(session => new[] { session!["id"]!.GetValue<string>(), session["presenters"]![0]!["id"]!.GetValue<string>() })
            .Append("U2Vzc2lvbjo5OTk5OTk=")
            .ToArray();
        var variables = document.Contains("$ids", StringComparison.Ordinal) ? new { ids } : null;

        var ours = await server.PostAsync(document, variables, noCache: true);
        using var request = Requests.Post(document, variables);
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var theirs = await client.SendAsync(request);

        var expected = WithoutStackTraces(await theirs.Content.ReadAsStringAsync());
        var actual = WithoutStackTraces(ours.Body);
        Assert.True(expected == actual, $"{what}: GraphQL.NET's strategy answered\n{expected}\nQueryExecutionStrategy answered\n{actual}");
        Assert.Equal(document.Contains("timeZone", StringComparison.Ordinal), ours.Errors is not null);
    }

    /// <summary>
    /// The answer without each error's <c>extensions.details</c>: the exception's stack trace, which the test server
    /// (Development) exposes and whose frames depend on what the JIT has inlined by then, not on the strategy.
    /// </summary>
    private static string WithoutStackTraces(string body)
    {
        var answer = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        foreach (var error in answer["errors"]?.AsArray() ?? [])
        {
            error?["extensions"]?.AsObject().Remove("details");
        }

        return answer.ToJsonString();
    }
}
