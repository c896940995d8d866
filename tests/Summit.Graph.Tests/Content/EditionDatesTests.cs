using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>An edition's dates gathered from wherever a page states them, and checked against each other.</summary>
public sealed class EditionDatesTests
{
    /// <summary>A page in the inline-day-sections layout: one talk on each of two days, in the sections given.</summary>
    private static string Page(string title, string intro, string? when, string firstDay, string secondDay) => $"""
        ---
        layout: page
        title: {title}
        ---

        {intro}

        {(when is null ? "" : $"## When is it?\n\n{when}\n")}
        ## Schedule

        ### {firstDay}

        1500-1525: **Opening**<br>
        Presented by Ada Example

        Welcome.

        ### {secondDay}

        15:00-1525: **Closing**<br>
        Presented by Ada Example

        Goodbye.
        """;

    [Theory]
    [InlineData("KubeVirt Summit 2029", "The summit is coming on May 8-9!", null, "May 8", "May 9")]
    [InlineData("KubeVirt Summit 2029!", "Join us on **May 8 and 9**.", null, "Tuesday, May 8", "Wednesday, May 9")]
    [InlineData("KubeVirt Summit", "It takes place on May 8 and 9, 2029.", null, "May 8", "May 9")]
    [InlineData("KubeVirt Summit", "Two afternoons online.", "- **Dates:** **May 8** and **9**, 2029\n- **Time:** 15:00–20:00 UTC", "May 8", "May 9")]
    [InlineData("KubeVirt Summit", "Two afternoons online.", "8-9 May 2029, 15:00 - 20:00 UTC", "Day 1: 8 May", "Day 2: 9 May")]
    [InlineData("KubeVirt Summit 2029", "Two afternoons online.", null, "May 8", "May 9")]
    [InlineData("KubeVirt Summit 2029", "Two afternoons online, from May 8th to 9th.", null, "May 8th", "May 9th")]
    public void DatesAreGatheredFromWhereverThePageStatesThem(string title, string intro, string? when, string firstDay, string secondDay)
    {
        var result = new PageReader().Read(Page(title, intro, when, firstDay, secondDay));

        Assert.Equal((new DateOnly(2029, 5, 8), new DateOnly(2029, 5, 9)), (result.Event.StartDate, result.Event.EndDate));
        Assert.Equal([new DateOnly(2029, 5, 8), new DateOnly(2029, 5, 9)], result.Event.Days.Select(day => day.Date));
        Assert.Equal("KubeVirt Summit 2029", result.Event.Name.TrimEnd('!'));
        Assert.Single(result.Diagnostics, diagnostic => diagnostic.Message.StartsWith("The edition's dates, 2029-05-08 to 2029-05-09, are read from", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void ReportSaysWhichEvidenceWasUsedAndWhatAgrees()
    {
        var result = new PageReader().Read(Page("KubeVirt Summit 2029", "The summit is coming on May 8-9!", null, "May 8", "May 9"));

        Assert.Equal(
            (6, "The edition's dates, 2029-05-08 to 2029-05-09, are read from 'May 8-9' on this line, in the year of the front matter's title; confirmed by the day headings."),
            result.Diagnostics.Select(diagnostic => (diagnostic.Line, diagnostic.Message)).Single(diagnostic => diagnostic.Message.StartsWith("The edition's dates", StringComparison.Ordinal)));
    }

    [Fact]
    public void DatesAcrossTwoMonthsAreOneEdition()
    {
        var result = new PageReader().Read(Page("KubeVirt Summit", "Online.", "May 31 – June 1, 2029; 15:00-20:00 UTC", "May 31", "June 1"));

        Assert.Equal((new DateOnly(2029, 5, 31), new DateOnly(2029, 6, 1)), (result.Event.StartDate, result.Event.EndDate));
    }

    [Fact]
    public void StatementThatDisagreesIsReportedAndChangesNothing()
    {
        var result = new PageReader().Read(Page("KubeVirt Summit", "It was first announced for May 9-10.", "- Dates: May 8 and 9, 2029", "May 8", "May 9"));

        Assert.Equal((new DateOnly(2029, 5, 8), new DateOnly(2029, 5, 9)), (result.Event.StartDate, result.Event.EndDate));
        Assert.Contains((6, "'May 9-10' disagrees with the edition's dates, 2029-05-08 to 2029-05-09; it changed nothing."), result.Diagnostics.Select(diagnostic => (diagnostic.Line, diagnostic.Message)));
    }

    [Fact]
    public void TitleNamingAnotherYearIsWarnedAndTheDatesYearKept()
    {
        var result = new PageReader().Read(Page("KubeVirt Summit 2028", "Online.", "- Dates: May 8 and 9, 2029", "May 8", "May 9"));

        Assert.Equal(2029, result.Event.StartDate.Year);
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic is { Line: 3, Severity: DiagnosticSeverity.Warning }
            && diagnostic.Message == "The title names the year 2028, but the dates are in 2029; the dates' year was kept.");
    }

    [Theory]
    [InlineData("KubeVirt Summit", "The summit is coming on May 8-9!", "The page gives its dates without a year ('May 8-9' on line 6), and its front matter's title gives none either.")]
    [InlineData("KubeVirt Summit", "Two afternoons online.", "The page gives no dates: none such as 'February 9 and 10, 2021' in a section such as '## When' or in a sentence, and no day headings such as '### May 8'.")]
    public void PageWithoutAYearOrDatesIsRefusedSayingWhatIsMissing(string title, string intro, string message)
    {
        var page = Page(title, intro, null, "Opening day", "Closing day");

        var error = Assert.Throws<PageFormatException>(() => new PageReader().Read(page));

        Assert.Equal(message, error.Message);
    }
}
