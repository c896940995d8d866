using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.ReadApi;

[Collection(SummitServerCollection.Name)]
public sealed class ReadApiTests(SummitServer server)
{
    private const string Schedule = """
        {
          event(slug: "kubevirt-summit-2021") {
            name
            startDate
            endDate
            localHours { zone dailyStart dailyEnd }
            sponsors { name url }
            days {
              date
              slots {
                startsAt
                endsAt
                sessions { slug title kind presenterRoles { role presenter { name jobTitle company } } links { kind label url } }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task ScheduleOfTheSummitMatchesTheSnapshot()
    {
        var data = await server.QueryAsync(Schedule);

        var days = data["event"]!["days"]!.AsArray();
        Assert.Equal(2, days.Count);
        Assert.All(days, day => Assert.Equal(10, day!["slots"]!.AsArray().Count));
        Snapshot.Match(JToken.Parse(data.ToJsonString()));
    }

    [Fact]
    public async Task NewestEventIsReturnedWhenNoSlugIsGiven()
    {
        var data = await server.QueryAsync("{ event { slug timeZone slotMinutes dailyStart dailyEnd description { plainText } } }");

        Assert.Equal("kubevirt-summit-2021", data["event"]!["slug"]!.GetValue<string>());
        Assert.Equal(30, data["event"]!["slotMinutes"]!.GetValue<int>());
        Assert.StartsWith("The KubeVirt community held its first ever dedicated online event", data["event"]!["description"]!["plainText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionBySlugHasAbstractInThreeForms()
    {
        var data = await server.QueryAsync("""
            { session(slug: "hco") { title abstract { markdown html plainText } links { kind label url } slot { startsAt endsAt day { date } } } }
            """);
        var session = data["session"]!;

        Assert.Equal("KubeVirt opinionated deployment via Hyperconverged Cluster Operator", session["title"]!.GetValue<string>());
        Assert.Contains("- a [demo](https://youtu.be/tHPHfL5PzGM)", session["abstract"]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<li>Containerized Data Importer</li>", session["abstract"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("<", session["abstract"]!["plainText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2021-02-10T15:00:00Z", session["slot"]!["startsAt"]!.GetValue<string>());
        Assert.Equal("2021-02-10T15:30:00Z", session["slot"]!["endsAt"]!.GetValue<string>());
        Assert.Contains(session["links"]!.AsArray(), link => link!["kind"]!.GetValue<string>() == "DEMO");
    }

    [Fact]
    public async Task UnknownSlugsReturnNull()
    {
        var data = await server.QueryAsync("""{ session(slug: "no-such-session") { title } presenter(slug: "nobody") { name } event(slug: "kubevirt-summit-1999") { name } }""");

        Assert.Null(data["session"]);
        Assert.Null(data["presenter"]);
        Assert.Null(data["event"]);
    }

    [Fact]
    public async Task OnePersonInSeveralSessionsIsOnePresenter()
    {
        var data = await server.QueryAsync("""{ presenter(slug: "david-vossel") { name jobTitle company sessions { slug } } }""");

        var slugs = data["presenter"]!["sessions"]!.AsArray().Select(s => s!["slug"]!.GetValue<string>());
        Assert.Equal(["upgrades", "road-v1", "office-hours"], slugs);
        Assert.Equal("Red Hat", data["presenter"]!["company"]!.GetValue<string>());
    }

    [Fact]
    public async Task NodeAndNodesResolveGlobalIdsOfEveryType()
    {
        var ids = await server.QueryAsync("""
            { event { id days { id slots { id } } sessions(where: { slug: { eq: "hotplug" } }) { id links { id } } }
              presenter(slug: "alexander-wels") { id } }
            """);
        var sessionId = ids["event"]!["sessions"]![0]!["id"]!.GetValue<string>();
        var all = new[]
        {
            ids["event"]!["id"]!.GetValue<string>(),
            ids["event"]!["days"]![0]!["id"]!.GetValue<string>(),
            ids["event"]!["days"]![0]!["slots"]![0]!["id"]!.GetValue<string>(),
            sessionId,
            ids["presenter"]!["id"]!.GetValue<string>(),
            ids["event"]!["sessions"]![0]!["links"]![0]!["id"]!.GetValue<string>(),
        };

        Assert.True(GlobalId.TryDecode(sessionId, out var typeName, out _));
        Assert.Equal("Session", typeName);

        var node = await server.QueryAsync("query($id: ID!) { node(id: $id) { id ... on Session { slug } } }", new { id = sessionId });
        Assert.Equal("hotplug", node["node"]!["slug"]!.GetValue<string>());

        var nodes = await server.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids = all });
        Assert.Equal(["Event", "Day", "Slot", "Session", "Presenter", "Link"], nodes["nodes"]!.AsArray().Select(n => n!["__typename"]!.GetValue<string>()));
        Assert.Equal(all, nodes["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownGlobalIdIsAClearError()
    {
        var response = await server.PostAsync("""{ node(id: "bm90LWFuLWlk") { id } }""");

        Assert.Equal("INVALID_ID", response.FirstErrorCode);
        Assert.Null(response.Data?["node"]);
    }

    [Fact]
    public async Task TimesAreUtcWithOffset()
    {
        var data = await server.QueryAsync("{ slots(first: 1) { nodes { startsAt endsAt } } }");
        var slot = data["slots"]!["nodes"]![0]!;

        Assert.Equal("2021-02-09T14:00:00Z", slot["startsAt"]!.GetValue<string>());
        Assert.Equal("2021-02-09T14:30:00Z", slot["endsAt"]!.GetValue<string>());
    }
}
