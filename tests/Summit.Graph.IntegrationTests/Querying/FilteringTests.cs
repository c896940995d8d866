using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Infrastructure;
using static Summit.Graph.IntegrationTests.Infrastructure.Programme;

namespace Summit.Graph.IntegrationTests.Querying;

/// <summary>
/// Every operation of every filter input over HTTP, against the seeded programme. Expected slugs come
/// from the seed page; results are in programme order.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class FilteringTests(SummitServer server)
{
    private static readonly string[] TitlesWithKubeVirt =
    [
        "welcome", "automated-migration", "tekton", "snapshots", "upgrades", "hotplug", "pci-passthrough",
        "harvester", "forklift", "hco", "molecule", "vfx", "office-hours",
    ];

    private static readonly string[] TitlesEndingInKubeVirt = ["automated-migration", "hotplug", "pci-passthrough", "harvester", "vfx"];

    private static readonly string[] NullProgrammeTitles =
    [
        "templates", "tekton", "hotplug", "pci-passthrough", "forklift", "hco", "capabilities", "molecule",
        "batch-api", "cpu-pinning", "road-v1", "vfx", "office-hours",
    ];

    // "sriov" is titled "Kubevirt Live migration and SRIOV": it separates the case-sensitive operations from the caseless ones.
    public static TheoryData<string, string[]> StringOperations => new()
    {
        { """title: { eq: "Virtual Machine Batch API" }""", ["batch-api"] },
        { """title: { eq: "virtual machine batch api" }""", [] },
        { """title: { neq: "Virtual Machine Batch API" }""", SessionsExcept("batch-api") },
        { """title: { contains: "KubeVirt" }""", TitlesWithKubeVirt },
        { """title: { ncontains: "KubeVirt" }""", SessionsExcept(TitlesWithKubeVirt) },
        { """title: { in: ["Virtual Machine Batch API", "The Road to Version 1", "No such session"] }""", ["batch-api", "road-v1"] },
        { """title: { nin: ["Virtual Machine Batch API", "The Road to Version 1"] }""", SessionsExcept("batch-api", "road-v1") },
        { """title: { startsWith: "Introducing" }""", ["hotplug", "molecule"] },
        { """title: { startsWith: "introducing" }""", [] },
        { """title: { nstartsWith: "Introducing" }""", SessionsExcept("hotplug", "molecule") },
        { """title: { endsWith: "KubeVirt" }""", TitlesEndingInKubeVirt },
        { """title: { endsWith: "kubevirt" }""", [] },
        { """title: { nendsWith: "KubeVirt" }""", SessionsExcept(TitlesEndingInKubeVirt) },
        { """title: { eqIgnoreCase: "VIRTUAL machine batch api" }""", ["batch-api"] },
        { """title: { neqIgnoreCase: "VIRTUAL machine batch api" }""", SessionsExcept("batch-api") },
        { """title: { containsIgnoreCase: "kubevirt" }""", [.. Sessions.Where(s => s == "sriov" || TitlesWithKubeVirt.Contains(s))] },
        { """title: { ncontainsIgnoreCase: "KUBEVIRT" }""", ["prow", "templates", "capabilities", "batch-api", "cpu-pinning", "road-v1"] },
        { """title: { startsWithIgnoreCase: "INTRODUCING" }""", ["hotplug", "molecule"] },
        { """title: { nstartsWithIgnoreCase: "INTRODUCING" }""", SessionsExcept("hotplug", "molecule") },
        { """title: { endsWithIgnoreCase: "KUBEVIRT" }""", TitlesEndingInKubeVirt },
        { """title: { nendsWithIgnoreCase: "KUBEVIRT" }""", SessionsExcept(TitlesEndingInKubeVirt) },
        { """title: { inIgnoreCase: ["virtual machine batch api", "THE ROAD TO VERSION 1"] }""", ["batch-api", "road-v1"] },
        { """title: { ninIgnoreCase: ["virtual machine batch api", "THE ROAD TO VERSION 1"] }""", SessionsExcept("batch-api", "road-v1") },
        { """title: { startsWith: "Introducing", endsWith: "Molecule" }""", ["molecule"] },
        { """title: { or: [{ startsWith: "CPU" }, { endsWith: "Prow" }] }""", ["prow", "cpu-pinning"] },
        { """title: { and: [{ contains: "KubeVirt" }, { contains: "Tekton" }] }""", ["tekton"] },
    };

    // A column that is null on 13 sessions: a negated operation holds for them, as "does not contain" does in C#.
    public static TheoryData<string, string[]> NullableStringOperations => new()
    {
        { "programmeTitle: { eq: null }", NullProgrammeTitles },
        { "programmeTitle: { neq: null }", SessionsExcept(NullProgrammeTitles) },
        { """programmeTitle: { contains: "KubeVirt" }""", ["welcome", "automated-migration", "snapshots", "upgrades", "harvester", "sriov"] },
        { """programmeTitle: { ncontains: "KubeVirt" }""", SessionsExcept("welcome", "automated-migration", "snapshots", "upgrades", "harvester", "sriov") },
        { """programmeTitle: { neq: "Welcome to the KubeVirt Summit!" }""", SessionsExcept("welcome") },
        { """programmeTitle: { nin: ["Welcome to the KubeVirt Summit!"] }""", SessionsExcept("welcome") },
        { """programmeTitle: { nstartsWith: "Welcome" }""", SessionsExcept("welcome") },
        { """programmeTitle: { nendsWithIgnoreCase: "SUMMIT!" }""", SessionsExcept("welcome") },
        { """programmeTitle: { neqIgnoreCase: "welcome to the kubevirt summit!" }""", SessionsExcept("welcome") },
        { """programmeTitle: { ninIgnoreCase: ["welcome to the kubevirt summit!"] }""", SessionsExcept("welcome") },
        { """programmeTitle: { in: ["Welcome to the KubeVirt Summit!", null] }""", ["welcome", .. NullProgrammeTitles] },
        { """programmeTitle: { inIgnoreCase: ["WELCOME TO THE KUBEVIRT SUMMIT!", null] }""", ["welcome", .. NullProgrammeTitles] },
        { """programmeTitle: { ninIgnoreCase: [null] }""", SessionsExcept(NullProgrammeTitles) },
        { """programmeTitle: { nin: [null] }""", SessionsExcept(NullProgrammeTitles) },
        // A null in the list of a member that always has a value matches nothing, as eq: null does.
        { """slot: { startsAt: { in: [null] } }""", [] },
        { """slot: { startsAt: { nin: [null] } }""", Sessions },
        { """slot: { startsAt: { eq: null } }""", [] },
        { """event: { slotMinutes: { in: [30, null] } }""", Sessions },
        { """event: { slotMinutes: { in: [null] } }""", [] },
    };

    // Slots run every 30 minutes, 14:00-19:00 UTC, on 9 and 10 February 2021.
    public static TheoryData<string, string[]> DateTimeOperations => new()
    {
        { """slot: { startsAt: { eq: "2021-02-10T18:00:00Z" } }""", ["vfx"] },
        { """slot: { startsAt: { eq: "2021-02-10T19:00:00+01:00" } }""", ["vfx"] },
        { """slot: { startsAt: { neq: "2021-02-10T18:00:00Z" } }""", SessionsExcept("vfx") },
        { """slot: { startsAt: { gt: "2021-02-10T18:00:00Z" } }""", ["office-hours"] },
        { """slot: { startsAt: { ngt: "2021-02-10T18:00:00Z" } }""", SessionsExcept("office-hours") },
        { """slot: { startsAt: { gte: "2021-02-10T18:00:00Z" } }""", ["vfx", "office-hours"] },
        { """slot: { startsAt: { ngte: "2021-02-10T18:00:00Z" } }""", SessionsExcept("vfx", "office-hours") },
        { """slot: { startsAt: { lt: "2021-02-09T15:00:00Z" } }""", ["welcome", "automated-migration"] },
        { """slot: { startsAt: { nlt: "2021-02-09T15:00:00Z" } }""", SessionsExcept("welcome", "automated-migration") },
        { """slot: { startsAt: { lte: "2021-02-09T15:00:00Z" } }""", ["welcome", "automated-migration", "prow"] },
        { """slot: { startsAt: { nlte: "2021-02-09T15:00:00Z" } }""", SessionsExcept("welcome", "automated-migration", "prow") },
        { """slot: { startsAt: { in: ["2021-02-09T14:00:00Z", "2021-02-10T18:30:00Z", "2021-02-11T14:00:00Z"] } }""", ["welcome", "office-hours"] },
        { """slot: { startsAt: { nin: ["2021-02-09T14:00:00Z", "2021-02-10T18:30:00Z"] } }""", SessionsExcept("welcome", "office-hours") },
        { """slot: { startsAt: { gte: "2021-02-09T16:00:00Z", lt: "2021-02-09T17:00:00Z" } }""", ["tekton", "snapshots"] },
        { """slot: { endsAt: { eq: "2021-02-09T14:30:00Z" } }""", ["welcome"] },
        { """slot: { day: { startsAt: { gte: "2021-02-10T00:00:00Z" } } }""", Sessions[10..] },
        { """slot: { day: { startsAt: { lt: "2021-02-10T00:00:00Z" } }, startsAt: { gte: "2021-02-09T18:00:00Z" } }""", ["pci-passthrough", "harvester"] },
    };

    // The one edition plans 30-minute slots; each operation is tried on both sides of the boundary.
    public static TheoryData<string, bool> IntOperations => new()
    {
        { "eq: 30", true }, { "eq: 29", false },
        { "neq: 30", false }, { "neq: 29", true },
        { "gt: 29", true }, { "gt: 30", false },
        { "ngt: 30", true }, { "ngt: 29", false },
        { "gte: 30", true }, { "gte: 31", false },
        { "ngte: 31", true }, { "ngte: 30", false },
        { "lt: 31", true }, { "lt: 30", false },
        { "nlt: 30", true }, { "nlt: 31", false },
        { "lte: 30", true }, { "lte: 29", false },
        { "nlte: 29", true }, { "nlte: 30", false },
        { "in: [15, 30, 60]", true }, { "in: [15, 60]", false },
        { "nin: [15, 60]", true }, { "nin: [30]", false },
        { "gt: 15, lt: 45", true }, { "gt: 15, lt: 30", false },
    };

    public static TheoryData<string, string[]> EnumOperations => new()
    {
        { "kind: { eq: FORUM }", ["snapshots"] },
        { "kind: { eq: PANEL }", [] },
        { "kind: { neq: TALK }", ["welcome", "snapshots", "road-v1", "office-hours"] },
        { "kind: { in: [WELCOME, OFFICE_HOURS] }", ["welcome", "office-hours"] },
        { "kind: { nin: [TALK, FORUM] }", ["welcome", "road-v1", "office-hours"] },
        { "status: { eq: PUBLISHED }", Sessions },
        { "status: { eq: DRAFT }", [] },
    };

    public static TheoryData<string, string[]> Combinations => new()
    {
        { """or: [{ kind: { eq: FORUM } }, { and: [{ title: { startsWith: "Introducing" } }, { slot: { startsAt: { gte: "2021-02-10T00:00:00Z" } } }] }]""", ["snapshots", "molecule"] },
        { """and: [{ kind: { eq: TALK } }, { or: [{ slug: { eq: "prow" } }, { slug: { eq: "road-v1" } }, { slug: { eq: "vfx" } }] }]""", ["prow", "vfx"] },
        { """kind: { eq: TALK }, title: { contains: "Moving" }""", ["forklift", "vfx"] },
        { """or: [{ slug: { eq: "tekton" } }], slug: { neq: "tekton" }""", [] },
    };

    public static TheoryData<string, string[]> ListOperations => new()
    {
        { """presenters: { some: { company: { eq: "NVIDIA" } } }""", ["snapshots", "batch-api", "cpu-pinning"] },
        { """presenters: { all: { company: { eq: "NVIDIA" } } }""", ["batch-api", "cpu-pinning"] },
        // "welcome"'s only presenter has no company: "all work at Red Hat" must not hold for it.
        { """presenters: { all: { company: { eq: "Red Hat" } } }""", ["prow", "templates", "tekton", "upgrades", "hotplug", "sriov", "forklift", "hco", "capabilities", "road-v1", "office-hours"] },
        { """presenters: { none: { company: { eq: "Red Hat" } } }""", ["welcome", "automated-migration", "harvester", "molecule", "batch-api", "cpu-pinning", "vfx"] },
        { """presenters: { some: { company: { eq: "Red Hat" } }, none: { name: { eq: "David Vossel" } } }""", ["prow", "templates", "tekton", "snapshots", "hotplug", "pci-passthrough", "sriov", "forklift", "hco", "capabilities"] },
        { """presenters: { some: { name: { eq: "Ryan Hallisey" } } }""", ["snapshots", "batch-api"] },
        { """presenters: { any: true }""", Sessions },
        { """presenters: { any: false }""", [] },
        { """links: { some: { kind: { eq: DEMO } } }""", ["hco"] },
        { """links: { none: { kind: { eq: SLIDES } } }""", ["templates", "road-v1", "vfx", "office-hours"] },
        { """event: { slotMinutes: { eq: 30 }, slug: { eq: "kubevirt-summit-2021" } }""", Sessions },
    };

    [Theory]
    [MemberData(nameof(StringOperations))]
    public async Task StringOperationsMatchExactlyTheExpectedSessions(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [MemberData(nameof(NullableStringOperations))]
    public async Task OperationsOnANullableStringTreatNullAsNoValue(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [MemberData(nameof(DateTimeOperations))]
    public async Task DateTimeOperationsCompareInstants(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [MemberData(nameof(IntOperations))]
    public async Task IntOperationsCompareNumbers(string operations, bool matches)
    {
        var data = await server.QueryAsync($"{{ events(where: {{ slotMinutes: {{ {operations} }} }}) {{ nodes {{ slug }} }} }}");

        Assert.Equal(matches ? ["kubevirt-summit-2021"] : [], Strings(data["events"]!["nodes"]!, "slug"));
    }

    [Theory]
    [MemberData(nameof(EnumOperations))]
    public async Task EnumOperationsMatchTheValues(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task AndOrAndSiblingFieldsCombine(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [MemberData(nameof(ListOperations))]
    public async Task ListFiltersTestTheRelatedItems(string where, string[] expected) =>
        Assert.Equal(expected, await server.SessionSlugsAsync($"where: {{ {where} }}"));

    [Theory]
    [InlineData("""name: { containsIgnoreCase: "KŘEPINSKÝ" }""", new[] { "Filip Křepinský" })]
    [InlineData("""name: { eqIgnoreCase: "FILIP KŘEPINSKÝ" }""", new[] { "Filip Křepinský" })]
    [InlineData("""name: { endsWithIgnoreCase: "SÉGUILLON" }""", new[] { "Joël Séguillon" })]
    [InlineData("""name: { inIgnoreCase: ["joël séguillon", "FILIP KŘEPINSKÝ"] }""", new[] { "Filip Křepinský", "Joël Séguillon" })]
    [InlineData("""name: { contains: "KŘEPINSKÝ" }""", new string[0])]
    [InlineData("""name: { contains: "ř" }""", new[] { "Filip Křepinský" })]
    [InlineData("""name: { startsWith: "JOËL" }""", new string[0])]
    [InlineData("""company: { eq: null }""", new[] { "Fabian Deutsch" })]
    public async Task NonAsciiNamesMatchCaselesslyOnlyWithTheIgnoreCaseOperations(string where, string[] expected)
    {
        var data = await server.QueryAsync($"{{ presenters(first: 50, where: {{ {where} }}) {{ nodes {{ name }} }} }}");

        Assert.Equal(expected, Strings(data["presenters"]!["nodes"]!, "name"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("[a-z]")]
    public async Task LikeWildcardsInTheTextMatchOnlyThemselves(string text)
    {
        var where = "title: { or: [{ contains: $t }, { startsWith: $t }, { endsWith: $t }, { containsIgnoreCase: $t }, { startsWithIgnoreCase: $t }, { endsWithIgnoreCase: $t }] }";

        Assert.Empty(await server.SessionSlugsAsync($"where: {{ {where} }}", new { t = text }, "$t: String"));
    }

    [Fact]
    public async Task PunctuationInATitleIsMatchedLiterally()
    {
        Assert.Equal(["office-hours"], await server.SessionSlugsAsync("""where: { title: { contains: "Q&A" } }"""));
        Assert.Equal(["capabilities"], await server.SessionSlugsAsync("""where: { title: { startsWith: "Privilege dropping," } }"""));
    }

    [Theory]
    [InlineData("eq")]
    [InlineData("neq")]
    [InlineData("contains")]
    [InlineData("ncontains")]
    [InlineData("startsWith")]
    [InlineData("nstartsWith")]
    [InlineData("endsWith")]
    [InlineData("nendsWith")]
    [InlineData("eqIgnoreCase")]
    [InlineData("neqIgnoreCase")]
    [InlineData("containsIgnoreCase")]
    [InlineData("ncontainsIgnoreCase")]
    [InlineData("startsWithIgnoreCase")]
    [InlineData("nstartsWithIgnoreCase")]
    [InlineData("endsWithIgnoreCase")]
    [InlineData("nendsWithIgnoreCase")]
    [InlineData("in")]
    [InlineData("nin")]
    [InlineData("inIgnoreCase")]
    [InlineData("ninIgnoreCase")]
    public async Task SqlInjectionTextIsOnlyEverAValue(string operation)
    {
        const string Injection = "'; DROP TABLE Sessions; --";
        var isList = operation.StartsWith("in", StringComparison.Ordinal) || operation.StartsWith("nin", StringComparison.Ordinal);
        var negated = operation.StartsWith('n');

        var slugs = await server.SessionSlugsAsync(
            $"where: {{ title: {{ {operation}: $t }} }}",
            isList ? new { t = new[] { Injection } } : new { t = (object)Injection },
            isList ? "$t: [String]" : "$t: String");

        Assert.Equal(negated ? Sessions : [], slugs);
        Assert.Equal(20, await server.WithDatabaseAsync(db => db.Sessions.CountAsync()));
    }

    [Fact]
    public async Task NestedListsTakeTheirOwnFilter()
    {
        var data = await server.QueryAsync("""
            {
              sessions(where: { slug: { in: ["snapshots", "batch-api", "welcome"] } }) {
                nodes { slug presenters(where: { company: { eq: "NVIDIA" } }) { name } }
              }
              event { sessions(where: { kind: { eq: FORUM } }) { slug } }
              presenters(where: { name: { eq: "David Vossel" } }) {
                nodes { sessions(where: { kind: { neq: TALK } }, order: [{ title: ASC }]) { slug } }
              }
              days(where: { slots: { some: { startsAt: { eq: "2021-02-10T18:00:00Z" } } } }) {
                date
                slots(where: { startsAt: { gte: "2021-02-10T18:00:00Z" } }) { sessions { slug } }
              }
            }
            """);

        var sessions = data["sessions"]!["nodes"]!.AsArray();
        Assert.Equal(["welcome", "snapshots", "batch-api"], Strings(sessions, "slug"));
        Assert.Equal([[], ["Ryan Hallisey"], ["Huy Pham", "Ryan Hallisey"]], sessions.Select(s => Strings(s!["presenters"]!, "name")));
        Assert.Equal(["snapshots"], Strings(data["event"]!["sessions"]!, "slug"));
        Assert.Equal(["office-hours", "road-v1"], Strings(data["presenters"]!["nodes"]![0]!["sessions"]!, "slug"));
        var day = Assert.Single(data["days"]!.AsArray())!;
        Assert.Equal("2021-02-10", day["date"]!.GetValue<string>());
        Assert.Equal([["vfx"], ["office-hours"]], day["slots"]!.AsArray().Select(slot => Strings(slot!["sessions"]!, "slug")));
    }

    [Fact]
    public async Task AnySeparatesSessionsWithAndWithoutPresenters()
    {
        var eventId = await server.WithDatabaseAsync(db => db.Events.Select(e => e.Id).SingleAsync());
        var id = await server.ChangeDatabaseAsync(async db =>
        {
            var session = new Session
            {
                EventId = eventId,
                Slug = "unannounced",
                Title = "Unannounced lightning talk",
                Kind = SessionKind.Talk,
                Status = PublicationStatus.Published,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

        try
        {
            Assert.Equal(["unannounced"], await server.SessionSlugsAsync("where: { presenters: { any: false } }"));
            Assert.Equal(Sessions, await server.SessionSlugsAsync("where: { presenters: { any: true } }"));
            // "all" holds for an empty list, "some" does not.
            Assert.Equal(["unannounced", "batch-api", "cpu-pinning"], await server.SessionSlugsAsync("""where: { presenters: { all: { company: { eq: "NVIDIA" } } } }"""));
            // An unscheduled session has no slot: no condition on the slot holds for it, negated or not.
            Assert.Equal(Sessions, await server.SessionSlugsAsync("""where: { slot: { startsAt: { nlt: "2000-01-01T00:00:00Z" } } }"""));
        }
        finally
        {
            await server.ChangeDatabaseAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync());
        }
    }
}
