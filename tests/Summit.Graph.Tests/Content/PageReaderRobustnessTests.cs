using System.Text.Json;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

public sealed class PageReaderRobustnessTests
{
    private static readonly string[] SeedLines = SeedPage.Markdown.Split('\n');

    [Fact]
    public void CrlfLineEndingsReadIdentically()
    {
        var crlf = SeedPage.Markdown.Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal(JsonSerializer.Serialize(SeedPage.Read()), JsonSerializer.Serialize(new PageReader().Read(crlf)));
    }

    [Fact]
    public void TrailingWhitespaceChangesNothingButTheMarkdownAsWritten()
    {
        var padded = string.Join("\n", SeedLines.Select(line => line + " \t"));

        var result = new PageReader().Read(padded);

        Assert.Equal(Structure(SeedPage.Read()), Structure(result));
        Assert.Equal("/summit/", result.Event.Permalink);
    }

    [Fact]
    public void EditedHeadingIsReadWithTheEdit()
    {
        var edited = SeedPage.Markdown.Replace("### Virtual Machine Batch API", "### Virtual Machine Batch API, revisited", StringComparison.Ordinal);

        var batch = new PageReader().Read(edited).Session("batch-api");

        Assert.Equal("Virtual Machine Batch API, revisited", batch.Title);
        Assert.Equal("Virtual Machine Batch API", batch.ProgrammeTitle);
    }

    [Fact]
    public void StrayLinesAreReportedWithTheirLineNumbers()
    {
        var lines = SeedLines.ToList();
        lines.Insert(86, "Stray remark after the presenter.");
        lines.Insert(19, "  - Venue: the internet");

        var result = new PageReader().Read(string.Join("\n", lines));

        Assert.Equal(
            [
                (19, DiagnosticSeverity.Info, "  - Dates: February 9 and 10, 2021."),
                (20, DiagnosticSeverity.Warning, "  - Venue: the internet"),
                (59, DiagnosticSeverity.Info, "In the first session of the KubeVirt Summit, Fabian Deutsch ([@dummdida](https://twitter.com/dummdida)) talks about the project's history."),
                (88, DiagnosticSeverity.Warning, "Stray remark after the presenter."),
            ],
            result.Diagnostics.Select(diagnostic => (diagnostic.Line, diagnostic.Severity, diagnostic.Text)));
        Assert.Equal("Line is not part of any content the 2021 layout reads; it was not imported.", result.Diagnostics[^1].Message);
        Assert.Equal("Daniel Hiller", Assert.Single(result.Session("prow").People).Person.Name);
    }

    [Fact]
    public void SessionsMissingFromTheTableOrTheDetailsAreKeptAndReported()
    {
        var lines = SeedLines.ToList();
        var vfxSection = lines.FindIndex(line => line.StartsWith("<a name=\"vfx\">", StringComparison.Ordinal));
        var officeHoursSection = lines.FindIndex(line => line.StartsWith("<a name=\"office-hours\">", StringComparison.Ordinal));
        lines.RemoveRange(vfxSection, officeHoursSection - vfxSection);
        lines.RemoveAt(46);

        var result = new PageReader().Read(string.Join("\n", lines));

        Assert.Equal(
            [
                (19, DiagnosticSeverity.Info, SeedPage.DatesReport),
                (24, DiagnosticSeverity.Warning, "The sentence counts 20 sessions; the table lists 19."),
                (46, DiagnosticSeverity.Warning, "No session section has the anchor 'vfx'; the session has only its programme title."),
                (57, DiagnosticSeverity.Info, "Presenter 'Fabian Deutsch' was inferred from the abstract's prose; the section has no Presenter line."),
                (321, DiagnosticSeverity.Warning, "The session 'office-hours' has no row in the programme table; it has no time slot."),
            ],
            result.Diagnostics.Select(diagnostic => (diagnostic.Line, diagnostic.Severity, diagnostic.Message)));
        var vfx = result.Session("vfx");
        Assert.Equal("Moving a Visual Effects Studio to the cloud with Kubernetes and KubeVirt", vfx.Title);
        Assert.Empty(vfx.People);
        Assert.Equal(string.Empty, vfx.AbstractMarkdown);
        Assert.Equal(3, result.Session("office-hours").People.Count);
        Assert.DoesNotContain(result.Event.Days.SelectMany(day => day.Slots), slot => slot.SessionSlugs.Contains("office-hours"));
        Assert.Equal(20, result.Event.Sessions.Count);
    }

    [Fact]
    public void PageInAnUnknownLayoutIsRefused()
    {
        const string ProgrammeAsAList = """
            ---
            title: KubeVirt Summit
            ---

            ## Program

            - 10 March, 14:00: Welcome to the Summit
            """;

        var error = Assert.Throws<PageFormatException>(() => new PageReader().Read(ProgrammeAsAList));

        Assert.Contains("no known layout (known: 2021, table-with-speakers, inline-day-sections, bold-italic-times, schedule-only, announced)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PageWithoutDatesIsRefusedRatherThanDatedToday()
    {
        var undated = SeedPage.Markdown.Replace("  - Dates: February 9 and 10, 2021.\n", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<PageFormatException>(() => new PageReader().Read(undated));

        Assert.Contains("gives no dates", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Everything a page yields except the Markdown kept verbatim.</summary>
    private static string Structure(PageReadResult result) => JsonSerializer.Serialize(new
    {
        result.Event.Slug,
        result.Event.Name,
        result.Event.LocalHours,
        result.Event.Days,
        result.Event.Sponsors,
        result.Event.WhatsNextLinks,
        Sessions = result.Event.Sessions.Select(session => session with { AbstractMarkdown = string.Empty }),
        Diagnostics = result.Diagnostics.Select(diagnostic => (diagnostic.Line, diagnostic.Message)),
    });
}
