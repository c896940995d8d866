using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>An edition announced before its programme: days and hours, no slots, and a report that says so.</summary>
public sealed class AnnouncedEditionTests
{
    [Theory]
    [InlineData("## When is it?\n\n- **Date:** October 3, 2031\n- **Time:** 12:00–17:00 UTC\n\n## Schedule\n\nThe schedule will be published soon.")]
    [InlineData("## When\n\nOctober 3, 2031, 12:00 - 17:00 UTC.")]
    [InlineData("The summit takes place on October 3, 2031, from 1200-1700 UTC.\n\n## Schedule\n\n_Coming soon._")]
    [InlineData("## Save the Date!\n\n  - **Dates: 3 October 2031.**\n  - **Time: 12:00 – 17:00 UTC**\n\n## Program\n\nTo be announced.")]
    public void AnnouncementIsAnEditionWithItsDaysAndHoursAndNoSlots(string body)
    {
        var result = new PageReader().Read($"---\ntitle: KubeVirt Summit\n---\n\n{body}\n");

        Assert.Equal("announced", result.Layout);
        Assert.Equal(("kubevirt-summit-2031", new DateOnly(2031, 10, 3), new TimeOnly(12, 0), new TimeOnly(17, 0)),
            (result.Event.Slug, result.Event.StartDate, result.Event.DailyStart, result.Event.DailyEnd));
        Assert.Equal(new DateOnly(2031, 10, 3), Assert.Single(result.Event.Days).Date);
        Assert.Empty(result.Event.Days[0].Slots);
        Assert.Empty(result.Event.Sessions);
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Info
            && diagnostic.Message.StartsWith("The page announces the edition without a programme", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("## When\n\nOctober 3, 2031, 12:00 - 17:00 UTC.\n\n## Program\n\n- 12:00 Welcome\n- 12:30 Keynote")]
    [InlineData("## When\n\nOctober 3, 2031, 12:00 - 17:00 UTC.\n\n## Program\n\n### October 3\n\nWelcome, then the keynote.")]
    [InlineData("## Talks\n\n- October 3, 2031 1200-1230: Welcome")]
    public void PageWithAProgrammeNoReaderKnowsIsRefusedNotTakenForAnAnnouncement(string body)
    {
        var error = Assert.Throws<PageFormatException>(() => new PageReader().Read($"---\ntitle: KubeVirt Summit\n---\n\n{body}\n"));

        Assert.StartsWith("The page is in no known layout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnnouncementWithoutHoursIsRefusedSayingWhy()
    {
        var error = Assert.Throws<PageFormatException>(() => new PageReader().Read("---\ntitle: KubeVirt Summit\n---\n\n## When\n\nOctober 3, 2031.\n"));

        Assert.Equal("The page has no programme and gives no daily hours such as '14:00 – 19:00 UTC'; an edition needs one or the other.", error.Message);
    }
}
