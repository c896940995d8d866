using Snapshooter;
using Snapshooter.Xunit;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

public sealed class LayoutSampleReaderTests
{
    [Theory]
    [MemberData(nameof(TestPages.LayoutSamples), MemberType = typeof(TestPages))]
    public void ReadsTheWholeSampleAsItsLayout(string name)
    {
        var result = TestPages.Read(name);

        Assert.Equal(TestPages.SampleLayouts[name], result.Layout);
        Snapshot.Match(result, SnapshotNameExtension.Create(name));
    }

    [Fact]
    public void SecondZoneTimeThatDisagreesWithUtcIsReportedAndUtcKept()
    {
        var page = TestPages.Markdown("table-with-speakers")
            .Replace("| 16:45 | 11:45 |", "| 16:45 | 12:45 |", StringComparison.Ordinal)
            .Replace("(10:00–15:00 EST,", "(10:00–16:00 EST,", StringComparison.Ordinal);

        var result = new PageReader().Read(page);

        Assert.Equal(
            [
                (17, "10:00–16:00 EST disagrees with 15:00–20:00 UTC, which is 10:00–15:00 EST."),
                (46, "'12:45' EST disagrees with 16:45 UTC, which is 11:45 EST; the UTC time was kept."),
            ],
            result.Diagnostics.Where(diagnostic => diagnostic.Message.Contains("disagrees", StringComparison.Ordinal)).Select(diagnostic => (diagnostic.Line, diagnostic.Message)));
        Assert.Equal(new DateTime(2027, 3, 4, 16, 45, 0, DateTimeKind.Utc), result.Event.Days[1].Slots[^1].StartsAt);
    }

    [Fact]
    public void SpeakersSharingACompanyWithCommasAreEachReadWithIt()
    {
        var edge = TestPages.Read("bold-italic-times").Event.Sessions.Single(session => session.Slug == "edge-deployments-with-small-footprints");

        Assert.Equal(
            [("Carlos Mendes", "Northwind Telecom (Lisbon) Software Co.,Ltd."), ("Priya Raman", "Northwind Telecom (Lisbon) Software Co.,Ltd.")],
            edge.People.Select(part => (part.Person.Name, part.Person.Company)));
    }
}
