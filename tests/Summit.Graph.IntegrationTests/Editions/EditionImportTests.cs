using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Content.Writing;
using Summit.Graph.Data;
using Summit.Graph.Data.Export;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Tests.Content;

namespace Summit.Graph.IntegrationTests.Editions;

/// <summary>Every edition in and out of the database, on a server of its own (the 2021 page is imported at start-up).</summary>
public sealed class EditionImportTests : IDisposable
{
    private readonly SummitServer server = new();

    public void Dispose() => server.Dispose();

    public static TheoryData<string> LayoutSamples => new(["table-with-speakers", "inline-day-sections", "prose-dates-only", "bold-italic-times", "bold-time-no-speakers", "schedule-only", "announced-no-schedule"]);

    [Fact]
    public async Task StoredBundledEditionExportsAsTheContentItWasReadFrom()
    {
        var read = Read(EditedPage.Bundled);

        var stored = await ExportAsync(read.Slug);

        Assert.Equal(ContentComparison.WithoutLineNumbers(read), ContentComparison.WithoutLineNumbers(stored));
        Assert.Equal(ContentComparison.NormalisedWhitespace(EditedPage.Bundled), ContentComparison.NormalisedWhitespace(ProgrammePageWriter.Write(stored)));
    }

    [Theory]
    [MemberData(nameof(LayoutSamples))]
    public async Task ImportedSampleExportsAsTheContentItWasReadFrom(string name)
    {
        var read = Read(Sample(name));
        await server.Services.ImportAsync(read);

        var stored = await ExportAsync(read.Slug);
        var reread = Read(ProgrammePageWriter.Write(stored));

        Assert.Equal(ContentComparison.WithoutLineNumbers(read), ContentComparison.WithoutLineNumbers(stored));
        Assert.Equal(ContentComparison.WithoutLineNumbers(read), ContentComparison.WithoutLineNumbers(reread));
    }

    [Fact]
    public async Task FullPageFillsInTheScheduleOnlyProgrammeWithoutDuplicates()
    {
        await server.Services.ImportAsync(Read(Sample("schedule-only")));
        var before = await SessionIdsAsync();

        var first = await server.Services.ImportAsync(Read(FullPageOfTheScheduleOnlyEdition()));
        var again = await server.Services.ImportAsync(Read(FullPageOfTheScheduleOnlyEdition()));

        Assert.Equal((7, 2), (first.Sessions, first.People));
        Assert.Equal(0, again.RowsChanged);
        var after = await SessionIdsAsync();
        Assert.Equal(before.Values.Order(), after.Values.Order());
        Assert.Equal(before["running-windows-desktops-on-kubevirt"], after["windows-desktops"]);
        var windows = await server.QueryAsync("""
            { session(slug: "windows-desktops") { title abstract { markdown } presenters { slug company } links { kind url } } }
            """);
        Assert.Equal(
            """{"title":"Running Windows desktops on KubeVirt","abstract":{"markdown":"Desktops as VMs, streamed to thin clients."},"presenters":[{"slug":"aiko-tanaka","company":"Example Cloud"}],"links":[{"kind":"PROPOSAL","url":"https://github.com/example/community/blob/main/summit/proposals/windows-desktops.md"}]}""",
            windows["session"]!.ToJsonString());
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Presenters.CountAsync(p => p.Name == "Aiko Tanaka")));
    }

    [Fact]
    public async Task PeopleAreOnePresenterAcrossEditionsUnlessTheirAffiliationsDisagree()
    {
        foreach (var name in new[] { "table-with-speakers", "inline-day-sections", "bold-italic-times" })
        {
            var summary = await server.Services.ImportAsync(Read(Sample(name)));
            Assert.Empty(summary.LikelyDuplicates);
        }

        var nextYear = NextYearWithMartaElsewhere();
        var imported = await server.Services.ImportAsync(Read(nextYear));
        var reimported = await server.Services.ImportAsync(Read(nextYear));

        Assert.Equal(
            ["Marta Kowalczyk (Other Foundation) was imported as the new presenter 'marta-kowalczyk-2': 'marta-kowalczyk' has the same name, but another company ('Example Foundation', not 'Other Foundation') and no shared GitHub or Twitter handle."],
            imported.LikelyDuplicates);
        Assert.Equal(0, reimported.RowsChanged);
        Assert.Empty(reimported.LikelyDuplicates);
        var parts = await server.WithDatabaseAsync(db => db.SessionPresenters
            .Where(sp => sp.Presenter!.Name == "Marta Kowalczyk" || sp.Presenter.Name == "Li Wei")
            .Select(sp => new { sp.Presenter!.Slug, sp.Presenter.Company, Edition = sp.Session!.Event!.Slug })
            .ToListAsync());
        Assert.Equal(
            [
                "li-wei Contoso Systems: kubevirt-summit-2027, kubevirt-summit-2028, kubevirt-summit-2029, kubevirt-summit-2030",
                "marta-kowalczyk Example Foundation: kubevirt-summit-2027, kubevirt-summit-2028, kubevirt-summit-2029",
                "marta-kowalczyk-2 Other Foundation: kubevirt-summit-2030",
            ],
            parts.GroupBy(p => (p.Slug, p.Company)).OrderBy(p => p.Key.Slug, StringComparer.Ordinal)
                .Select(p => $"{p.Key.Slug} {p.Key.Company}: {string.Join(", ", p.Select(part => part.Edition).Distinct().Order(StringComparer.Ordinal))}"));
    }

    [Fact]
    public async Task SharedHandleMakesOnePresenterDespiteANewEmployer()
    {
        var moved = EditedPage.Bundled
            .ReplaceOnce("title: KubeVirt Summit", "title: KubeVirt Summit Europe")
            .ReplaceOnce("Presenter: Daniel Hiller, Senior Software Engineer OpenShift Virtualization, Red Hat.", "Presenter: Daniel Hiller, Principal Engineer, Example Cloud.");

        var summary = await server.Services.ImportAsync(Read(moved));

        Assert.Empty(summary.LikelyDuplicates);
        var hiller = await server.WithDatabaseAsync(db => db.Presenters.Where(p => p.Name == "Daniel Hiller")
            .Select(p => new { p.Slug, p.Company, Sessions = p.Sessions.Count }).ToListAsync());
        Assert.Equal("""[{"Slug":"daniel-hiller","Company":"Example Cloud","Sessions":2}]""", System.Text.Json.JsonSerializer.Serialize(hiller));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2060")]
    [InlineData("\uFEFF")]
    [InlineData("\u202E")]
    public async Task HandleWithAnInvisibleCharacterIsTheSamePresenter(string invisible)
    {
        var pasted = EditedPage.Bundled
            .ReplaceOnce("title: KubeVirt Summit", "title: KubeVirt Summit Europe")
            .ReplaceOnce("Presenter: Daniel Hiller, Senior Software Engineer OpenShift Virtualization, Red Hat.", $"Presenter: Daniel Hiller{invisible}, Principal Engineer, Example Cloud.")
            .ReplaceOnce("<https://github.com/dhiller>", $"<https://github.com/dhiller{invisible}>")
            .ReplaceOnce("(https://twitter.com/dhill3r)", $"(https://twitter.com/{invisible}dhill3r)");

        var summary = await server.Services.ImportAsync(Read(pasted));

        Assert.Empty(summary.LikelyDuplicates);
        var hiller = await server.WithDatabaseAsync(db => db.Presenters.Where(p => p.Name.StartsWith("Daniel")).Select(p => new { p.Slug, p.Name, p.GitHub, p.Twitter }).ToListAsync());
        Assert.Equal("""[{"Slug":"daniel-hiller","Name":"Daniel Hiller","GitHub":"dhiller","Twitter":"dhill3r"}]""", System.Text.Json.JsonSerializer.Serialize(hiller));
    }

    [Theory]
    [InlineData("Senior Software Engineer OpenShift Virtualization, Red Hat. <https://github.com/dhiller-other>",
        "another GitHub login ('dhiller', not 'dhiller-other')")]
    [InlineData("Engineer, Example Cloud. [@other](https://twitter.com/other)",
        "another Twitter handle ('dhill3r', not 'other') and another company ('Red Hat', not 'Example Cloud')")]
    [InlineData("Engineer, Example Cloud.",
        "another company ('Red Hat', not 'Example Cloud') and no shared GitHub or Twitter handle")]
    public async Task LikelyDuplicateReportNamesTheDetailsThatDiffer(string details, string difference)
    {
        var other = EditedPage.Bundled
            .ReplaceOnce("title: KubeVirt Summit", "title: KubeVirt Summit Europe")
            .ReplaceOnce("Presenter: Daniel Hiller, Senior Software Engineer OpenShift Virtualization, Red Hat. [@dhill3r](https://twitter.com/dhill3r), <https://github.com/dhiller>", $"Presenter: Daniel Hiller, {details}");

        var summary = await server.Services.ImportAsync(Read(other));

        Assert.Equal($"'daniel-hiller' has the same name, but {difference}.", Assert.Single(summary.LikelyDuplicates).Split(": ", 2)[1]);
    }

    [Fact]
    public async Task AnnouncedEditionHasItsDayAndHoursUntilItsProgrammeFillsItIn()
    {
        var announced = await server.Services.ImportAsync(Read(Sample("announced-no-schedule")));
        var before = await server.QueryAsync("""{ event(slug: "kubevirt-summit-2031") { id days { date startsAt endsAt slots { startsAt } } } }""");

        var filled = await server.Services.ImportAsync(Read(ProgrammeOfTheAnnouncedEdition));
        var after = await server.QueryAsync("""{ event(slug: "kubevirt-summit-2031") { id days { date slots { startsAt sessions { title } } } } }""");

        Assert.Equal((1, 0, 0), (announced.Days, announced.Slots, announced.Sessions));
        Assert.Equal("""{"date":"2031-10-03","startsAt":"2031-10-03T12:00:00Z","endsAt":"2031-10-03T17:00:00Z","slots":[]}""", before["event"]!["days"]![0]!.ToJsonString());
        Assert.Equal((1, 2, 2), (filled.Days, filled.Slots, filled.Sessions));
        Assert.Equal(before["event"]!["id"]!.GetValue<string>(), after["event"]!["id"]!.GetValue<string>());
        Assert.Equal(
            """[{"startsAt":"2031-10-03T12:00:00Z","sessions":[{"title":"Welcome"}]},{"startsAt":"2031-10-03T12:30:00Z","sessions":[{"title":"Keynote"}]}]""",
            after["event"]!["days"]![0]!["slots"]!.ToJsonString());
    }

    [Theory]
    [InlineData("**12:30-12:55 _Confidential VMs on KubeVirt_** <br>", "**12:30-12:55 _Confidential VMs in KubeVirt_** <br>", "confidential-vms-on-kubevirt", "confidential-vms-in-kubevirt")]
    [InlineData("**12:00-12:25 _VM snapshots and what they capture_** <br>", "**12:00-12:25 _VM snapshots: what they capture and what they miss_** <br>", "vm-snapshots-and-what-they-capture", "vm-snapshots-what-they-capture-and-what-they-miss")]
    [InlineData("**13:30-13:55 _Edge deployments with small footprints_** <br>", "**16:30-16:55 _Edge deployments with a small footprint_** <br>", "edge-deployments-with-small-footprints", "edge-deployments-with-a-small-footprint")]
    [InlineData("**13:00-13:25 _Scaling the control plane to 10,000 VMs_** <br>", "**13:00-13:25 _Scalling the controll plane to 10.000 VMs_** <br>", "scaling-the-control-plane-to-10-000-vms", "scalling-the-controll-plane-to-10-000-vms")]
    public async Task CorrectedTitleKeepsTheSessionItsIdAndItsCalendarUid(string line, string corrected, string slug, string correctedSlug)
    {
        await server.Services.ImportAsync(Read(Sample("bold-italic-times")));
        var id = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        var calendarBefore = await CalendarAsync("kubevirt-summit-2029");

        var summary = await server.Services.ImportAsync(Read(Sample("bold-italic-times").ReplaceOnce(line, corrected)));

        var stored = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Event!.Slug == "kubevirt-summit-2029").Select(s => new { s.Id, s.Slug }).ToListAsync());
        Assert.Equal(6, stored.Count);
        Assert.Equal(id, stored.Single(s => s.Slug == correctedSlug).Id);
        Assert.Contains($"UID:session-{id}@summit-graph", calendarBefore, StringComparison.Ordinal);
        Assert.Contains($"UID:session-{id}@summit-graph", await CalendarAsync("kubevirt-summit-2029"), StringComparison.Ordinal);
        Assert.StartsWith($"'", Assert.Single(summary.Notes), StringComparison.Ordinal);
        Assert.Contains($"its slug '{slug}' now '{correctedSlug}'", summary.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTalkInTheSameSlotIsANewSession()
    {
        await server.Services.ImportAsync(Read(Sample("bold-italic-times")));
        var id = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "confidential-vms-on-kubevirt").Select(s => s.Id).SingleAsync());

        var summary = await server.Services.ImportAsync(Read(Sample("bold-italic-times")
            .ReplaceOnce("**12:30-12:55 _Confidential VMs on KubeVirt_** <br>", "**12:30-12:55 _Network policies for virtual machines_** <br>")),
            new ImportOptions("bold-italic-times.md") { AllowRemovals = true });

        Assert.Empty(summary.Notes);
        Assert.NotEqual(id, await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "network-policies-for-virtual-machines").Select(s => s.Id).SingleAsync()));
    }

    private async Task<string> CalendarAsync(string slug)
    {
        using var client = server.CreateClient();
        return await client.GetStringAsync(new Uri($"/events/{slug}/calendar.ics", UriKind.Relative));
    }

    private EventContent Read(string markdown) => server.Services.GetRequiredService<PageReader>().Read(markdown).Event;

    private async Task<EventContent> ExportAsync(string slug)
    {
        await using var db = server.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext(includeDrafts: false);
        return await new ProgrammeExporter(db).LoadAsync(slug) ?? throw new InvalidOperationException($"No event {slug}.");
    }

    private Task<Dictionary<string, int>> SessionIdsAsync() => server.WithDatabaseAsync(db =>
        db.Sessions.Where(s => s.Event!.Slug == "kubevirt-summit-2027").ToDictionaryAsync(s => s.Slug, s => s.Id));

    private static string Sample(string name) => RepositoryFiles.LayoutSample(name);

    /// <summary>
    /// The schedule-only edition's page after the event, in the 2021 layout: the Windows desktops session under
    /// an anchor of its own, with an abstract and a presenter.
    /// </summary>
    private string FullPageOfTheScheduleOnlyEdition() => ProgrammePageWriter.Write(Read(Sample("schedule-only")))
        .ReplaceOnce("](#running-windows-desktops-on-kubevirt)", "](#windows-desktops)")
        .ReplaceOnce("<a name=\"running-windows-desktops-on-kubevirt\"></a>", "<a name=\"windows-desktops\"></a>")
        .ReplaceOnce("/windows-desktops.md)\n", "/windows-desktops.md)\n\nDesktops as VMs, streamed to thin clients.\n\nPresenter: Aiko Tanaka, Example Cloud\n")
        .ReplaceOnce("### Office Hours\n", "### Office Hours\n\nPanelist: Marta Kowalczyk\n");

    /// <summary>The bold-italic edition a year on, where Marta Kowalczyk now works for another foundation.</summary>
    /// <summary>The announced 2031 edition's page once its programme is published, in the bold-italic-times layout.</summary>
    private const string ProgrammeOfTheAnnouncedEdition = """
        ---
        layout: page
        title: KubeVirt Summit 2031!
        ---

        ## When is it?

        - **Date:** October 3, 2031
        - **Time:** 12:00–17:00 UTC

        ## Schedule

        ### Friday, October 3

        **1200-1225: _Welcome_**

        **1230-1255: _Keynote_** <br>
        Ada Example, Example Cloud <br>
        Description: Where KubeVirt goes next.
        """;

    private static string NextYearWithMartaElsewhere() => Sample("bold-italic-times")
        .ReplaceOnce("title: KubeVirt Summit 2029!", "title: KubeVirt Summit 2030")
        .ReplaceOnce("**May 21 and 22**, 2029", "**May 21 and 22**, 2030")
        .ReplaceOnce("### Monday, May 21", "### Tuesday, May 21")
        .ReplaceOnce("### Tuesday, May 22", "### Wednesday, May 22")
        .ReplaceOnce("Marta Kowalczyk, Example Foundation", "Marta Kowalczyk, Other Foundation");
}
