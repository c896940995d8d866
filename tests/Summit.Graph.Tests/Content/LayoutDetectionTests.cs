using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>
/// A layout is its structure, not its punctuation: a colon after the times, times as HHMM, HH:MM or HH.MM, a line
/// break or none, a missing speakers line or description, never make a page "in no known layout".
/// </summary>
public sealed class LayoutDetectionTests
{
    private static string Page(string firstSession, string secondSession) => Page($"### Wednesday, September 18\n\n{firstSession}\n\n{secondSession}");

    /// <summary>A one-day edition whose "## Schedule" section holds <paramref name="schedule"/>.</summary>
    private static string Page(string schedule) => $"""
        ---
        title: KubeVirt Summit 2030
        ---

        ## When

        - Dates: September 18, 2030
        - Time: 13:00-18:00 UTC

        ## Schedule

        {schedule}
        """;

    [Theory]
    [InlineData("**1300-1325: _Welcome_**", "**1330-1355: _Snapshots you can trust_** <br>\nDescription: Consistent snapshots.")]
    [InlineData("**13:00-13:25 _Welcome_**", "**13:30-13:55 _Snapshots you can trust_** <br>\nAda Example, Example Cloud <br>\nDescription: Consistent snapshots.")]
    [InlineData("**13:00 - 13:25: _Welcome_**<br>", "**1330–1355 _Snapshots you can trust._**")]
    [InlineData("**13.00-13.25** _Welcome_", "**13:30-1355:** *Snapshots you can trust*<br/>\nDescription: Consistent snapshots.")]
    [InlineData("**13:00-13:25 UTC _Welcome_**", "**13:30 to 13:55: _Snapshots you can trust_** <br>\nAda Example, Example Cloud <br>")]
    public void BoldItalicTimesIsReadWhateverItsPunctuation(string firstSession, string secondSession)
    {
        AssertTwoSessions(new PageReader().Read(Page(firstSession, secondSession)), "bold-italic-times");
    }

    [Theory]
    [InlineData("1300-1325: **Welcome**<br>", "1330-1355: **Snapshots you can trust**<br>\nPresented by Ada Example\n\nConsistent snapshots.")]
    [InlineData("13:00-13:25 **Welcome**", "13:30 - 13:55 **Snapshots you can trust**\n\nConsistent snapshots.")]
    [InlineData("1300–1325 – **Welcome**<br />", "13.30-13.55: **Snapshots you can trust.**<br>\nPresented by Ada Example & Li Wei")]
    [InlineData("13:00-13:25 UTC: **Welcome**", "13:30 to 13:55 UTC: **Snapshots you can trust**<br>\nSpeakers: Ada Example, Li Wei\n\nConsistent snapshots.")]
    [InlineData("1300 to 1325: **Welcome**", "1330-1355: **Snapshots you can trust**\n_Presenter: Ada Example_<br>\nConsistent snapshots.")]
    public void InlineDaySectionsIsReadWhateverItsPunctuation(string firstSession, string secondSession)
    {
        AssertTwoSessions(new PageReader().Read(Page(firstSession, secondSession)), "inline-day-sections");
    }

    [Theory]
    [InlineData("Presented by Ada Example & Li Wei")]
    [InlineData("Speakers: Ada Example, Li Wei")]
    [InlineData("**Presenters:** Ada Example and Li Wei<br>")]
    [InlineData("Presented by: Ada Example & Li Wei")]
    [InlineData("_Speakers: Ada Example, Li Wei_")]
    [InlineData("Hosted by _Ada Example_ and **Li Wei**")]
    public void SpeakersLineIsReadHoweverItIsIntroduced(string speakers)
    {
        var result = new PageReader().Read(Page("1300-1325: **Welcome**", $"1330-1355: **Snapshots you can trust**<br>\n{speakers}\n\nConsistent snapshots."));

        var session = result.Event.Sessions[1];
        Assert.Equal(["Ada Example", "Li Wei"], session.People.Select(part => part.Person.Name));
        Assert.Equal("Consistent snapshots.", session.AbstractMarkdown);
    }

    [Theory]
    [InlineData("Ada Example & Li Wei, Example Cloud <br>")]
    [InlineData("Speakers: Ada Example & Li Wei, Example Cloud <br>")]
    [InlineData("**Presented by:** Ada Example and Li Wei, Example Cloud")]
    [InlineData("_Ada Example_ & _Li Wei_, **Example Cloud** <br>")]
    public void BoldItalicSpeakersLineIsReadWithOrWithoutLabelAndEmphasis(string speakers)
    {
        var result = new PageReader().Read(Page("**1300-1325: _Welcome_**", $"**1330-1355: _Snapshots you can trust_** <br>\n{speakers}\nDescription: Consistent snapshots."));

        var session = result.Event.Sessions[1];
        Assert.Equal([("Ada Example", "Example Cloud"), ("Li Wei", "Example Cloud")], session.People.Select(part => (part.Person.Name, part.Person.Company)));
        Assert.Equal("Consistent snapshots.", session.AbstractMarkdown);
    }

    [Theory]
    [InlineData("Description: Consistent snapshots.")]
    [InlineData("**Description:** Consistent snapshots.")]
    [InlineData("Abstract: Consistent snapshots.")]
    [InlineData("_Summary_: Consistent snapshots.")]
    public void BoldItalicDescriptionIsReadUnderAnyOfItsLabels(string description)
    {
        var result = new PageReader().Read(Page("**1300-1325: _Welcome_**", $"**1330-1355: _Snapshots you can trust_** <br>\nAda Example, Example Cloud <br>\n{description}"));

        Assert.Equal("Consistent snapshots.", result.Event.Sessions[1].AbstractMarkdown);
        Assert.Equal(["Ada Example"], result.Event.Sessions[1].People.Select(part => part.Person.Name));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
    }

    [Theory]
    [InlineData("## [DAY 1](https://example.org/day-1) Wednesday, September 18", "| Time (UTC) | Time (EST) | Session | Speaker | Track |", "| 13:00 | 08:00 | Welcome | Ada Example | General |", "| 13:30 | 08:30 | Snapshots you can trust | Li Wei | Users |")]
    [InlineData("## Wednesday, September 18", "| UTC | EST | Title | Speakers |", "| 13:00 | 08:00 | Welcome | Ada Example |", "| 13:30 | 08:30 | Snapshots you can trust | Li Wei |")]
    [InlineData("## Day 1 - Wednesday, September 18 (online)", "| Start (UTC) | Talk | Presenters |", "| 13:00 | Welcome | Ada Example |", "| 13:30 | Snapshots you can trust | Li Wei |")]
    public void DayTablesAreReadWhateverTheirHeadersSay(string dayHeading, string header, string firstRow, string secondRow)
    {
        var separator = string.Join(" ", Enumerable.Repeat("| --- ", header.Count(character => character == '|') - 1)) + " |";
        var page = Page($"{dayHeading}\n\n{header}\n{separator}\n{firstRow}\n{secondRow}");

        var result = new PageReader().Read(page);

        Assert.Equal("table-with-speakers", result.Layout);
        Assert.Equal(["Welcome", "Snapshots you can trust"], result.Event.Sessions.Select(session => session.Title));
        Assert.Equal(["Ada Example", "Li Wei"], result.Event.Sessions.SelectMany(session => session.People).Select(part => part.Person.Name));
        Assert.Equal([new TimeOnly(13, 0), new TimeOnly(13, 30)], result.Event.Days.Single().Slots.Select(slot => TimeOnly.FromDateTime(slot.StartsAt)));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
    }

    private static void AssertTwoSessions(PageReadResult result, string layout)
    {
        Assert.Equal(layout, result.Layout);
        Assert.Equal(["Welcome", "Snapshots you can trust"], result.Event.Sessions.Select(session => session.Title));
        Assert.Equal(
            [(new TimeOnly(13, 0), new TimeOnly(13, 25)), (new TimeOnly(13, 30), new TimeOnly(13, 55))],
            result.Event.Days.Single().Slots.Select(slot => (TimeOnly.FromDateTime(slot.StartsAt), TimeOnly.FromDateTime(slot.EndsAt))));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
    }
}
