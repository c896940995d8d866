using Summit.Graph.IntegrationTests.Infrastructure;
using static Summit.Graph.IntegrationTests.Infrastructure.Programme;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary><c>order</c> keys apply in priority order, then the default order, then the id.</summary>
[Collection(SummitServerCollection.Name)]
public sealed class SortingTests(SummitServer server)
{
    private static readonly string[] ByTitleDescending =
    [
        "upgrades", "welcome", "batch-api", "road-v1", "capabilities", "office-hours", "forklift", "vfx", "sriov", "hco",
        "snapshots", "molecule", "hotplug", "harvester", "cpu-pinning", "templates", "prow", "tekton", "automated-migration", "pci-passthrough",
    ];

    [Fact]
    public async Task TheDefaultOrderIsBySlotStartThenTitle()
    {
        Assert.Equal(Sessions, await server.SessionSlugsAsync(string.Empty));
        Assert.Equal(Sessions, await server.SessionSlugsAsync("order: [{ slot: { startsAt: ASC } }, { title: ASC }]"));
    }

    [Fact]
    public async Task ANestedKeyCanReverseTheProgramme()
    {
        var slugs = await server.SessionSlugsAsync("order: [{ slot: { startsAt: DESC } }, { title: ASC }]");

        Assert.Equal(Sessions.Reverse(), slugs);
    }

    [Fact]
    public async Task ASingleKeyOrdersByTitleDescending()
    {
        Assert.Equal(ByTitleDescending, await server.SessionSlugsAsync("order: [{ title: DESC }]"));
    }

    [Fact]
    public async Task LaterKeysBreakTiesOfEarlierOnesAndNullsComeFirstAscending()
    {
        // 13 sessions have no programme title: they come first, by title descending; then the others by programme title.
        var slugs = await server.SessionSlugsAsync("order: [{ programmeTitle: ASC }, { title: DESC }]");

        Assert.Equal(
            [
                "batch-api", "road-v1", "capabilities", "office-hours", "forklift", "vfx", "hco", "molecule", "hotplug",
                "cpu-pinning", "templates", "tekton", "pci-passthrough",
                "automated-migration", "harvester", "prow", "snapshots", "sriov", "welcome", "upgrades",
            ],
            slugs);
    }

    [Fact]
    public async Task NullsComeLastDescending()
    {
        var slugs = await server.SessionSlugsAsync("order: [{ programmeTitle: DESC }, { title: ASC }]");

        Assert.Equal(
            [
                "upgrades", "welcome", "sriov", "snapshots", "prow", "harvester", "automated-migration",
                "pci-passthrough", "tekton", "templates", "cpu-pinning", "hotplug", "molecule", "hco", "vfx", "forklift",
                "office-hours", "capabilities", "road-v1", "batch-api",
            ],
            slugs);
    }

    [Fact]
    public async Task PresentersSortByCompanyThenName()
    {
        var data = await server.QueryAsync("{ presenters(first: 50, order: [{ company: ASC }, { name: ASC }]) { nodes { name } } }");

        // Ordinal order: the presenter without a company first, upper case before lower case ("ateme").
        Assert.Equal(
            [
                "Fabian Deutsch", "Alessandro Pilotti", "Gabriel Samfira", "Peter Salanki", "Le Yao", "Dhanya Bhat", "Huy Pham",
                "Ryan Hallisey", "Sowmya Seetharaman", "Adam Litke", "Alexander Wels", "Daniel Hiller", "David Vossel",
                "Fabien Dupont", "Filip Křepinský", "Jakub Dzon", "Karel Simon", "Michael Henriksen", "Miguel Duarte Barroso",
                "Nahshon Unna-Tsametet", "Or Mergi", "Oren Cohen", "Petr Horacek", "Vladik Romanovsky", "Sheng Yang", "Joël Séguillon",
            ],
            Strings(data["presenters"]!["nodes"]!, "name"));
    }

    [Fact]
    public async Task NestedListsTakeTheirOwnOrder()
    {
        var data = await server.QueryAsync("""{ sessions(where: { slug: { eq: "office-hours" } }) { nodes { presenters(order: [{ name: DESC }]) { name } unordered: presenters { name } } } }""");
        var session = data["sessions"]!["nodes"]![0]!;

        Assert.Equal(["Petr Horacek", "David Vossel", "Adam Litke"], Strings(session["presenters"]!, "name"));
        Assert.Equal(["David Vossel", "Adam Litke", "Petr Horacek"], Strings(session["unordered"]!, "name"));
    }

    [Fact]
    public async Task FilterAndOrderCombine()
    {
        var slugs = await server.SessionSlugsAsync("""where: { title: { containsIgnoreCase: "kubevirt" } }, order: [{ title: ASC }]""");

        Assert.Equal(
            [
                "pci-passthrough", "automated-migration", "tekton", "harvester", "hotplug", "molecule", "snapshots", "hco", "sriov",
                "vfx", "forklift", "office-hours", "welcome", "upgrades",
            ],
            slugs);
    }
}
