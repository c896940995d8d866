using Snapshooter.Xunit;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Tests.Content;

public sealed class SeedPageReaderTests
{
    [Fact]
    public void ImportsAllTwentySessionsAsThePageWritesThem()
    {
        var result = SeedPage.Read();
        var slots = result.Event.Days.SelectMany(day => day.Slots).ToList();

        var sessions = result.Event.Sessions.Select(session =>
        {
            var slot = slots.Single(candidate => candidate.SessionSlugs.Contains(session.Slug));
            return new
            {
                session.Slug,
                session.Title,
                session.ProgrammeTitle,
                Kind = session.Kind.ToString(),
                StartsAt = slot.StartsAt.ToString("O"),
                EndsAt = slot.EndsAt.ToString("O"),
                People = session.People.Select(entry => new
                {
                    entry.Person.Name,
                    entry.Person.Slug,
                    Role = entry.Role.ToString(),
                    entry.Person.JobTitle,
                    entry.Person.Company,
                    entry.Person.Twitter,
                    entry.Person.GitHub,
                    entry.Person.LinkedIn,
                    entry.Person.Website,
                }),
                Links = session.Links.Select(link => new { Kind = link.Kind.ToString(), link.Label, link.Url }),
            };
        }).ToList();

        Assert.Equal(20, sessions.Count);
        Snapshot.Match(sessions);
    }

    [Fact]
    public void ReadsTheEventFromTheFrontMatterIntroAndWhenSection()
    {
        var content = SeedPage.Read().Event;

        Assert.Equal("kubevirt-summit-2021", content.Slug);
        Assert.Equal("KubeVirt Summit 2021", content.Name);
        Assert.Equal("/summit/", content.Permalink);
        Assert.Equal(
            """
            The KubeVirt community held its first ever dedicated online event about all
            things KubeVirt. The KubeVirt Summit was a 2-day virtual event to discover,
            discuss, hack and learn about managing virtual machines in Kubernetes using
            KubeVirt.

            Many thanks to everyone who contributed to the event!
            """,
            content.DescriptionMarkdown);
        Assert.Equal("UTC", content.TimeZone);
        Assert.Equal(
            [new LocalHoursContent("EST", new TimeOnly(9, 0), new TimeOnly(14, 0)), new LocalHoursContent("CET", new TimeOnly(15, 0), new TimeOnly(20, 0))],
            content.LocalHours);
        Assert.Equal(new DateOnly(2021, 2, 9), content.StartDate);
        Assert.Equal(new DateOnly(2021, 2, 10), content.EndDate);
        Assert.Equal(new TimeOnly(14, 0), content.DailyStart);
        Assert.Equal(new TimeOnly(19, 0), content.DailyEnd);
        Assert.Equal(30, content.SlotMinutes);
    }

    [Fact]
    public void ReadsTwoDaysOfTenHalfHourSlotsInUtc()
    {
        var days = SeedPage.Read().Event.Days;

        Assert.Equal([new DateOnly(2021, 2, 9), new DateOnly(2021, 2, 10)], days.Select(day => day.Date));
        Assert.All(days, day =>
        {
            Assert.Equal(10, day.Slots.Count);
            Assert.All(day.Slots, slot =>
            {
                Assert.Equal(DateTimeKind.Utc, slot.StartsAt.Kind);
                Assert.Equal(DateTimeKind.Utc, slot.EndsAt.Kind);
                Assert.Equal(TimeSpan.FromMinutes(30), slot.EndsAt - slot.StartsAt);
                Assert.Single(slot.SessionSlugs);
            });
            Assert.Equal(new TimeOnly(14, 0), TimeOnly.FromDateTime(day.Slots[0].StartsAt));
            Assert.Equal(new TimeOnly(19, 0), TimeOnly.FromDateTime(day.Slots[^1].EndsAt));
        });
        var firstSlot = days[0].Slots[0];
        Assert.Equal(["welcome"], firstSlot.SessionSlugs);
        Assert.Equal(28, firstSlot.Line);
        Assert.Equal(["office-hours"], days[1].Slots[^1].SessionSlugs);
    }

    [Fact]
    public void ReportsOnlyWhereTheDatesCameFromAndTheSpeakerInferredFromProse()
    {
        var diagnostics = SeedPage.Read().Diagnostics;

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(new ImportDiagnostic(19, DiagnosticSeverity.Info, SeedPage.DatesReport, "  - Dates: February 9 and 10, 2021."), diagnostics[0]);
        var diagnostic = diagnostics[1];
        Assert.Equal(
            new ImportDiagnostic(
                58,
                DiagnosticSeverity.Info,
                "Presenter 'Fabian Deutsch' was inferred from the abstract's prose; the section has no Presenter line.",
                "In the first session of the KubeVirt Summit, Fabian Deutsch ([@dummdida](https://twitter.com/dummdida)) talks about the project's history."),
            diagnostic);
    }

    [Fact]
    public void ReaderInfersSpeakerNamedOnlyInProse()
    {
        var welcome = SeedPage.Read().Session("welcome");

        var speaker = Assert.Single(welcome.People);
        Assert.Equal(PresenterRole.Presenter, speaker.Role);
        Assert.Equal("fabian-deutsch", speaker.Person.Slug);
        Assert.Equal("Fabian Deutsch", speaker.Person.Name);
        Assert.Equal("dummdida", speaker.Person.Twitter);
        Assert.Contains("Fabian Deutsch ([@dummdida](https://twitter.com/dummdida))", welcome.AbstractMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionsSharingOneSlidesUrlBothKeepIt()
    {
        var result = SeedPage.Read();
        const string SharedSlides = "https://drive.google.com/file/d/1DeCgnDF4aFFMq3tVeWtrO5LuxbjMYPo2/view?usp=sharing";

        Assert.Contains(new LinkContent(LinkKind.Slides, SharedSlides, "Slides"), result.Session("harvester").Links);
        Assert.Contains(new LinkContent(LinkKind.Slides, SharedSlides, "Slides"), result.Session("sriov").Links);
    }

    [Fact]
    public void DemoLinkInAnAbstractBulletIsADemoLinkAndStaysInTheAbstract()
    {
        var hco = SeedPage.Read().Session("hco");

        Assert.Contains(new LinkContent(LinkKind.Demo, "https://youtu.be/tHPHfL5PzGM", "demo"), hco.Links);
        Assert.Equal(
            """
            How deploy KubeVirt and several adjacent operators with ease?

            The HyperConverged Cluster operator (HCO) is a unified operator deploying and controlling KubeVirt and several adjacent operators:

            - Containerized Data Importer
            - Scheduling, Scale and Performance
            - Cluster Network Addons
            - Node Maintenance

            The purpose of HCO is to ease the deployment, upgrade, monitoring and configuration of an opinionated version of the KubeVirt cluster.

            The Hyperconverged Cluster Operator can be installed on bare metal server clusters in a matter of minutes, even from a GUI, without requiring a deep knowledge of Kubernetes internals.

            An attendee will learn:

            - how to deploy and maintain a KubeVirt cluster with the Hyperconverged Cluster Operator
            - a [demo](https://youtu.be/tHPHfL5PzGM)
            - ongoing development and how to contribute
            """,
            hco.AbstractMarkdown);
    }

    [Fact]
    public void AbstractKeepsItsTextAsWrittenWithoutLinksOrPeople()
    {
        var templates = SeedPage.Read().Session("templates");

        Assert.Equal(
            """
            Common templates are covering most of the nowadays operating systems. Users can easily create e.g. Windows VMs, without complicated settings. 

            The presentation covers:
            - What are common templates
            - Which operating systems are supported
            - How common templates work
            - How to use them

            Attendants will be able to know what are common templates and how to use them.
            """,
            templates.AbstractMarkdown);
    }

    [Fact]
    public void ReferencesAreLinksNotAbstract()
    {
        var forklift = SeedPage.Read().Session("forklift");

        Assert.Equal(
            [
                new LinkContent(LinkKind.Reference, "https://github.com/kubevirt/vm-import-operator", "VM Import Operator",
                    "[VM Import Operator](https://github.com/kubevirt/vm-import-operator) (VMIO)."),
                new LinkContent(LinkKind.Reference, "https://docs.konveyor.io/", "Forklift", "Konveyor's [Forklift](https://docs.konveyor.io/)."),
            ],
            forklift.Links.Where(link => link.Kind == LinkKind.Reference));
        Assert.EndsWith("- know how to import their VMware or oVirt workloads to Kubernetes with VMIO or Forklift", forklift.AbstractMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Presenters", forklift.AbstractMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[Recording]", forklift.AbstractMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void CompanyWithLegalSuffixKeepsItsComma()
    {
        var peter = Assert.Single(SeedPage.Read().Session("vfx").People).Person;

        Assert.Equal("Director of Engineering", peter.JobTitle);
        Assert.Equal("CoreWeave, Inc", peter.Company);
        Assert.Equal("salanki", peter.GitHub);
    }

    [Fact]
    public void NameFollowedByColonIsReadLikeNameFollowedByComma()
    {
        var sheng = Assert.Single(SeedPage.Read().Session("harvester").People).Person;

        Assert.Equal(
            new PersonContent { Slug = "sheng-yang", Name = "Sheng Yang", JobTitle = "Senior Engineering Manager", Company = "SUSE", Twitter = "yasker", GitHub = "yasker" },
            sheng);
    }

    [Fact]
    public void CompanyEndingInAPeriodIsSeparatedFromTheHandles()
    {
        var result = SeedPage.Read();
        var daniel = Assert.Single(result.Session("prow").People).Person;
        var huy = result.Session("batch-api").People[0].Person;

        Assert.Equal(
            new PersonContent
            {
                Slug = "daniel-hiller",
                Name = "Daniel Hiller",
                JobTitle = "Senior Software Engineer OpenShift Virtualization",
                Company = "Red Hat",
                Twitter = "dhill3r",
                GitHub = "dhiller",
            },
            daniel);
        Assert.Equal(new PersonContent { Slug = "huy-pham", Name = "Huy Pham", Company = "NVIDIA", GitHub = "huypham21" }, huy);
    }

    [Fact]
    public void DashSeparatedLineWithAnInlineWebsiteKeepsEveryDetail()
    {
        var joel = Assert.Single(SeedPage.Read().Session("molecule").People).Person;

        Assert.Equal(
            new PersonContent
            {
                Slug = "joel-seguillon",
                Name = "Joël Séguillon",
                JobTitle = "Senior DevOps Consultant in mission",
                Company = "ateme",
                GitHub = "jseguillon",
                LinkedIn = "https://www.linkedin.com/in/jo%C3%ABl-s%C3%A9guillon-91a55814/",
                Website = "https://www.ateme.com",
            },
            joel);
    }

    [Fact]
    public void SlugsOfNamesWithDiacriticsAreAscii()
    {
        var filip = Assert.Single(SeedPage.Read().Session("tekton").People).Person;

        Assert.Equal("filip-krepinsky", filip.Slug);
        Assert.Equal("Filip Křepinský", filip.Name);
    }

    [Fact]
    public void PersonInSeveralSessionsIsOnePersonWithEachSessionsRole()
    {
        var result = SeedPage.Read();

        string[] davidsSessions = ["upgrades", "road-v1", "office-hours"];
        var davids = davidsSessions
            .Select(slug => result.Session(slug).People.Single(entry => entry.Person.Slug == "david-vossel"))
            .ToList();
        Assert.Equal([PresenterRole.Presenter, PresenterRole.SessionLead, PresenterRole.Panelist], davids.Select(entry => entry.Role));
        Assert.All(davids, entry => Assert.Same(davids[0].Person, entry.Person));
        Assert.Equal("davidvossel", davids[0].Person.GitHub);

        string[] ryansSessions = ["snapshots", "batch-api"];
        var ryans = ryansSessions
            .Select(slug => result.Session(slug).People.Single(entry => entry.Person.Slug == "ryan-hallisey").Person)
            .ToList();
        Assert.Same(ryans[0], ryans[1]);
    }

    [Fact]
    public void InfersKindsFromTitlesAndRoles()
    {
        var kinds = SeedPage.Read().Event.Sessions
            .Where(session => session.Kind != SessionKind.Talk)
            .ToDictionary(session => session.Slug, session => session.Kind);

        Assert.Equal(
            new Dictionary<string, SessionKind>
            {
                ["welcome"] = SessionKind.Welcome,
                ["snapshots"] = SessionKind.Forum,
                ["road-v1"] = SessionKind.Discussion,
                ["office-hours"] = SessionKind.OfficeHours,
            },
            kinds);
    }

    [Fact]
    public void ReadsWhatsNextAndSponsors()
    {
        var content = SeedPage.Read().Event;

        Assert.Equal(
            "Keep the conversations going through the [mailing list](https://groups.google.com/forum/#!forum/kubevirt-dev) or the [#virtualization Slack channel](https://kubernetes.slack.com/archives/C8ED7RKFE) in Kubernetes Slack (register [here](https://slack.k8s.io/) if needed)!",
            content.WhatsNextMarkdown);
        Assert.Equal(
            [
                new LinkContent(LinkKind.Other, "https://groups.google.com/forum/#!forum/kubevirt-dev", "mailing list"),
                new LinkContent(LinkKind.Other, "https://kubernetes.slack.com/archives/C8ED7RKFE", "#virtualization Slack channel"),
                new LinkContent(LinkKind.Other, "https://slack.k8s.io/", "here"),
            ],
            content.WhatsNextLinks);
        Assert.Equal([new SponsorContent("CNCF", "https://cncf.io/")], content.Sponsors);
    }
}
