using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Infrastructure;
using static Summit.Graph.IntegrationTests.Infrastructure.Programme;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>Keyset paging: walking a connection page by page yields every row exactly once, in order.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class PagingTests(SummitServer server)
{
    private const string PageQuery = """
        query($first: Int, $after: String, $last: Int, $before: String, $order: [SessionSortInput!], $where: SessionFilterInput) {
          sessions(first: $first, after: $after, last: $last, before: $before, order: $order, where: $where) {
            totalCount
            nodes { slug }
            edges { cursor node { slug } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private static readonly string[] ByTitleDescending =
    [
        "upgrades", "welcome", "batch-api", "road-v1", "capabilities", "office-hours", "forklift", "vfx", "sriov", "hco",
        "snapshots", "molecule", "hotplug", "harvester", "cpu-pinning", "templates", "prow", "tekton", "automated-migration", "pci-passthrough",
    ];

    private static readonly Dictionary<string, (object? Order, string[] Expected)> Orders = new()
    {
        ["programme"] = (null, Sessions),
        ["title DESC"] = (new[] { new { title = "DESC" } }, ByTitleDescending),
        ["slot.startsAt DESC"] = (new[] { new { slot = new { startsAt = "DESC" } } }, [.. Sessions.Reverse()]),
        // Nullable keys: sessions without a programme title come first ascending and last descending.
        ["programmeTitle ASC"] = (new[] { new { programmeTitle = "ASC" } },
        [
            "templates", "tekton", "hotplug", "pci-passthrough", "forklift", "hco", "capabilities", "molecule", "batch-api",
            "cpu-pinning", "road-v1", "vfx", "office-hours",
            "automated-migration", "harvester", "prow", "snapshots", "sriov", "welcome", "upgrades",
        ]),
        ["programmeTitle DESC"] = (new[] { new { programmeTitle = "DESC" } },
        [
            "upgrades", "welcome", "sriov", "snapshots", "prow", "harvester", "automated-migration",
            "templates", "tekton", "hotplug", "pci-passthrough", "forklift", "hco", "capabilities", "molecule", "batch-api",
            "cpu-pinning", "road-v1", "vfx", "office-hours",
        ]),
    };

    public static TheoryData<int, string> PageSizes
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var order in Orders.Keys)
            {
                for (var size = 1; size <= 7; size++)
                {
                    data.Add(size, order);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PageSizes))]
    public async Task WalkingForwardVisitsEverySessionOnceInOrder(int size, string orderName)
    {
        var (order, expected) = Orders[orderName];
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await PageAsync(new { first = size, after, order });
            var slugs = Strings(page["nodes"]!, "slug");
            var info = page["pageInfo"]!;
            seen.AddRange(slugs);
            pages++;

            Assert.Equal(after is not null, info["hasPreviousPage"]!.GetValue<bool>());
            Assert.Equal(slugs, Strings(page["edges"]!.AsArray().Select(e => e!["node"]).ToJsonArray(), "slug"));
            Assert.Equal(page["edges"]!.AsArray()[^1]!["cursor"]!.GetValue<string>(), info["endCursor"]!.GetValue<string>());
            Assert.Equal(page["edges"]![0]!["cursor"]!.GetValue<string>(), info["startCursor"]!.GetValue<string>());
            Assert.Equal(20, page["totalCount"]!.GetValue<int>());
            if (!info["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            Assert.Equal(size, slugs.Length);
            after = info["endCursor"]!.GetValue<string>();
            Assert.True(pages <= 20, "The walk does not end.");
        }

        Assert.Equal(expected, seen);
        Assert.Equal((20 + size - 1) / size, pages);
    }

    [Theory]
    [MemberData(nameof(PageSizes))]
    public async Task WalkingBackwardVisitsEverySessionOnceInOrder(int size, string orderName)
    {
        var (order, expected) = Orders[orderName];
        var seen = new List<string>();
        string? before = null;
        var pages = 0;
        while (true)
        {
            var page = await PageAsync(new { last = size, before, order });
            var slugs = Strings(page["nodes"]!, "slug");
            var info = page["pageInfo"]!;
            seen.InsertRange(0, slugs);
            pages++;

            Assert.Equal(before is not null, info["hasNextPage"]!.GetValue<bool>());
            if (!info["hasPreviousPage"]!.GetValue<bool>())
            {
                break;
            }

            Assert.Equal(size, slugs.Length);
            before = info["startCursor"]!.GetValue<string>();
            Assert.True(pages <= 20, "The walk does not end.");
        }

        Assert.Equal(expected, seen);
        Assert.Equal((20 + size - 1) / size, pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task WalksIncludeSessionsWithoutASlotWhereverTheOrderPutsThem(int size)
    {
        var eventId = await server.WithDatabaseAsync(db => db.Events.Select(e => e.Id).SingleAsync());
        int[] ids = [await InsertAsync(eventId, "u-b", "Unscheduled B", null), await InsertAsync(eventId, "u-a", "Unscheduled A", null), await InsertAsync(eventId, "u-c", "Unscheduled C", null)];
        try
        {
            // No slot sorts first ascending, last descending; the title breaks the tie.
            string[] unscheduled = ["u-a", "u-b", "u-c"];
            object latestFirst = new[] { new { slot = new { startsAt = "DESC" } } };

            Assert.Equal([.. unscheduled, .. Sessions], await WalkAsync(size, null, backward: false));
            Assert.Equal([.. unscheduled, .. Sessions], await WalkAsync(size, null, backward: true));
            Assert.Equal([.. Sessions.Reverse(), .. unscheduled], await WalkAsync(size, latestFirst, backward: false));
            Assert.Equal([.. Sessions.Reverse(), .. unscheduled], await WalkAsync(size, latestFirst, backward: true));
        }
        finally
        {
            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public async Task PresentersWalkByCompanyWithTiesAndNulls(int size, bool backward)
    {
        const string Query = """
            query($first: Int, $after: String, $last: Int, $before: String) {
              presenters(first: $first, after: $after, last: $last, before: $before, order: [{ company: ASC }]) {
                nodes { name }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }
            """;
        var seen = new List<string>();
        string? cursor = null;
        for (var more = true; more;)
        {
            var page = (await server.QueryAsync(Query, backward ? new { last = size, before = cursor } : (object)new { first = size, after = cursor }))["presenters"]!;
            seen.InsertRange(backward ? 0 : seen.Count, Strings(page["nodes"]!, "name"));
            more = page["pageInfo"]![backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>();
            cursor = page["pageInfo"]![backward ? "startCursor" : "endCursor"]?.GetValue<string>();
            Assert.True(seen.Count <= 26, "The walk repeats presenters.");
        }

        // Ties within a company are broken by the default order, the name.
        Assert.Equal(
            [
                "Fabian Deutsch", "Alessandro Pilotti", "Gabriel Samfira", "Peter Salanki", "Le Yao", "Dhanya Bhat", "Huy Pham",
                "Ryan Hallisey", "Sowmya Seetharaman", "Adam Litke", "Alexander Wels", "Daniel Hiller", "David Vossel",
                "Fabien Dupont", "Filip Křepinský", "Jakub Dzon", "Karel Simon", "Michael Henriksen", "Miguel Duarte Barroso",
                "Nahshon Unna-Tsametet", "Or Mergi", "Oren Cohen", "Petr Horacek", "Vladik Romanovsky", "Sheng Yang", "Joël Séguillon",
            ],
            seen);
    }

    private async Task<List<string>> WalkAsync(int size, object? order, bool backward)
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages <= 30; pages++)
        {
            var page = backward
                ? await PageAsync(new { last = size, before = cursor, order })
                : await PageAsync(new { first = size, after = cursor, order });
            var slugs = Strings(page["nodes"]!, "slug");
            seen.InsertRange(backward ? 0 : seen.Count, slugs);
            var info = page["pageInfo"]!;
            if (!info[backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>())
            {
                return seen;
            }

            cursor = info[backward ? "startCursor" : "endCursor"]!.GetValue<string>();
        }

        throw new InvalidOperationException("The walk does not end.");
    }

    [Fact]
    public async Task AfterAndBeforeTogetherBoundAWindow()
    {
        var all = await PageAsync(new { first = 20 });
        var cursors = all["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>()).ToArray();

        var window = await PageAsync(new { first = 10, after = cursors[3], before = cursors[8] });

        Assert.Equal(Sessions[4..8], Strings(window["nodes"]!, "slug"));
        Assert.False(window["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(window["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnEmptyPageHasNoCursorsAndNoNextPage()
    {
        var all = await PageAsync(new { first = 20 });
        var lastCursor = all["pageInfo"]!["endCursor"]!.GetValue<string>();

        var page = await PageAsync(new { first = 5, after = lastCursor });

        Assert.Empty(page["nodes"]!.AsArray());
        Assert.False(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Null(page["pageInfo"]!["startCursor"]);
        Assert.Null(page["pageInfo"]!["endCursor"]);
    }

    [Fact]
    public async Task FirstZeroReturnsNoRowsButTellsWhetherThereAreAny()
    {
        var page = await PageAsync(new { first = 0 });

        Assert.Empty(page["nodes"]!.AsArray());
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TotalCountCountsTheFilteredRowsNotThePage()
    {
        var page = await PageAsync(new { first = 2, where = new { kind = new { eq = "TALK" } } });

        Assert.Equal(16, page["totalCount"]!.GetValue<int>());
        Assert.Equal(["automated-migration", "prow"], Strings(page["nodes"]!, "slug"));
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheDefaultPageHoldsTenSessions()
    {
        var page = await PageAsync(new { });

        Assert.Equal(Sessions[..10], Strings(page["nodes"]!, "slug"));
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheNextPageContinuesAfterTheCursorRowWhenRowsBeforeItComeAndGo()
    {
        var eventId = await server.WithDatabaseAsync(db => db.Events.Select(e => e.Id).SingleAsync());
        var early = await InsertUnscheduledAsync(eventId, "early-bird");
        int[] latecomers = [];
        try
        {
            // Unscheduled sessions come first in programme order.
            var first = await PageAsync(new { first = 5 });
            Assert.Equal(["early-bird", "welcome", "automated-migration", "prow", "templates"], Strings(first["nodes"]!, "slug"));
            var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();

            // A row before the cursor goes: an offset (skip 5) would now skip "tekton".
            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => s.Id == early).ExecuteDeleteAsync());
            var afterDelete = await PageAsync(new { first = 5, after = cursor });
            Assert.Equal(Sessions[4..9], Strings(afterDelete["nodes"]!, "slug"));

            // Two rows before the cursor come: an offset would now repeat "prow" and "templates".
            latecomers = [await InsertUnscheduledAsync(eventId, "late-a"), await InsertUnscheduledAsync(eventId, "late-b")];
            var afterInsert = await PageAsync(new { first = 5, after = cursor });
            Assert.Equal(Sessions[4..9], Strings(afterInsert["nodes"]!, "slug"));
            Assert.True(afterInsert["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        }
        finally
        {
            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => s.Id == early || latecomers.Contains(s.Id)).ExecuteDeleteAsync());
        }

        Assert.Equal(Sessions, await server.SessionSlugsAsync(string.Empty));
    }

    [Fact]
    public async Task ACursorStaysValidWhenItsOwnRowIsGone()
    {
        var eventId = await server.WithDatabaseAsync(db => db.Events.Select(e => e.Id).SingleAsync());
        var slotId = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "tekton").Select(s => s.SlotId).SingleAsync());
        // Same slot as "tekton", title sorting before it: between "templates" and "tekton" in programme order.
        var extra = await InsertAsync(eventId, "aardvark", "Aardvarks on KubeVirt", slotId);
        try
        {
            var page = await PageAsync(new { first = 5 });
            Assert.Equal(["welcome", "automated-migration", "prow", "templates", "aardvark"], Strings(page["nodes"]!, "slug"));
            var cursor = page["pageInfo"]!["endCursor"]!.GetValue<string>();

            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => s.Id == extra).ExecuteDeleteAsync());
            var next = await PageAsync(new { first = 5, after = cursor });

            Assert.Equal(Sessions[4..9], Strings(next["nodes"]!, "slug"));
        }
        finally
        {
            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => s.Id == extra).ExecuteDeleteAsync());
        }
    }

    private Task<int> InsertUnscheduledAsync(int eventId, string slug) => InsertAsync(eventId, slug, $"Unscheduled {slug}", null);

    private Task<int> InsertAsync(int eventId, string slug, string title, int? slotId) =>
        server.ChangeDatabaseAsync(async db =>
        {
            var session = new Session
            {
                EventId = eventId,
                SlotId = slotId,
                Slug = slug,
                Title = title,
                Kind = SessionKind.Talk,
                Status = PublicationStatus.Published,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

    private async Task<JsonNode> PageAsync(object variables) => (await server.QueryAsync(PageQuery, variables))["sessions"]!;
}

internal static class JsonNodeSequences
{
    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> nodes) => new([.. nodes.Select(n => n?.DeepClone())]);
}
