using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>
/// Lookups by slug and nested lists run through queries compiled once per shape and shared by requests
/// (<see cref="CompiledQueries"/>), and a kept document's projection trees are shared too. Whatever a request may
/// change must still change the answer: variables in <c>@skip</c>/<c>@include</c>, the order asked for, a <c>where</c>;
/// and a full cache must answer exactly as an empty one. (Access, the other thing a request changes, is covered by
/// <see cref="DraftVisibilityTests"/>, which reads one document as anonymous, previewer and editor in turn.)
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class CompiledQueryTests(SummitServer server)
{
    private const string ConditionalDocument = """
        query Conditional($withPeople: Boolean!, $withoutKind: Boolean!) {
          event(slug: "kubevirt-summit-2021") {
            days { slots { sessions { slug presenters @include(if: $withPeople) { name } ...Kind } } }
          }
          session(slug: "hotplug") { title presenterRoles @include(if: $withPeople) { role } }
        }
        fragment Kind on Session { kind @skip(if: $withoutKind) }
        """;

    private static readonly string[] Shapes =
    [
        """{ event { days { slots { sessions { slug } } } } }""",
        """{ event { days { slots { sessions { slug title } } } } }""",
        """{ event { days { slots { sessions { slug presenters { name } } } } } }""",
        """{ event { days { slots { sessions { slug presenters { name company } } } } } }""",
        """{ event { days { slots { sessions { slug presenterRoles { role presenter { slug } } } } } } }""",
        """{ event { sessions { title } } }""",
        """{ event { sessions { title kind slot { startsAt } } } }""",
        """{ session(slug: "hotplug") { title presenters { name sessions { slug } } } }""",
        """{ presenter(slug: "david-vossel") { name sessions { slug } } }""",
    ];

    [Fact]
    public async Task VariablesInSkipAndIncludeChangeTheAnswerOfAKeptDocumentEveryTime()
    {
        foreach (var (withPeople, withoutKind) in new[] { (true, false), (false, true), (true, true), (false, false), (true, false) })
        {
            var answer = await server.QueryAsync(ConditionalDocument, new { withPeople, withoutKind });

            var sessions = answer["event"]!["days"]!.AsArray().SelectMany(d => d!["slots"]!.AsArray()).SelectMany(s => s!["sessions"]!.AsArray()).ToList();
            Assert.NotEmpty(sessions);
            Assert.All(sessions, session =>
            {
                Assert.Equal(withPeople, session!.AsObject().ContainsKey("presenters"));
                Assert.Equal(!withoutKind, session.AsObject().ContainsKey("kind"));
            });
            Assert.Equal(withPeople, sessions.Any(s => s!["presenters"] is JsonArray { Count: > 0 }));
            Assert.Equal(withPeople, answer["session"]!.AsObject().ContainsKey("presenterRoles"));
        }
    }

    [Fact]
    public async Task AnOrderAskedForANestedListIsKeptAndAWhereFiltersIt()
    {
        var edition = (await server.QueryAsync("""
            {
              event {
                programme: sessions { title }
                down: sessions(order: [{ title: DESC }]) { title }
                up: sessions(order: [{ title: ASC }]) { title }
                vms: sessions(where: { title: { contains: "VMs" } }) { title }
              }
            }
            """))["event"]!;

        // The database's collation decides the order (PostgreSQL's is not ordinal), so the test asks only what holds in any.
        var programme = Titles(edition["programme"]);
        var up = Titles(edition["up"]);
        Assert.True(up.Count > 10);
        Assert.Equal(programme.Order(), up.Order());
        Assert.NotEqual(programme, up);
        Assert.Equal(up.AsEnumerable().Reverse(), Titles(edition["down"]));
        var vms = Titles(edition["vms"]);
        Assert.Equal(3, vms.Count);
        Assert.Equal(up.Where(t => t.Contains("VMs", StringComparison.Ordinal)).Order(), vms.Order());
    }

    /// <summary>
    /// Size 3 bounds EF Core's own cache to three queries too, so it also lets go of the model and builds it again
    /// while this runs: compiled queries must follow the model they are run with.
    /// </summary>
    [Fact]
    public async Task AFullCacheAnswersAsAnEmptyOneAndHoldsNoMoreThanItsSize()
    {
        using var small = new SummitServer { Settings = { ["Database:CompiledQueryCacheSize"] = "3" } };
        var compiled = small.Services.GetRequiredService<CompiledQueries>();

        for (var round = 0; round < 2; round++)
        {
            foreach (var shape in Shapes)
            {
                var expected = (await server.QueryAsync(shape, noCache: true)).AsJson();

                Assert.Equal(expected, (await small.QueryAsync(shape, noCache: true)).AsJson());
                Assert.InRange(compiled.Count, 1, 3);
            }
        }
    }

    private static List<string> Titles(JsonNode? sessions) => [.. sessions!.AsArray().Select(s => s!["title"]!.GetValue<string>())];
}
