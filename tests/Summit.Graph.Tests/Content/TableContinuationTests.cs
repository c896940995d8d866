using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>A talk written as consecutive table rows with the same title is one longer session, in every table layout.</summary>
public sealed class TableContinuationTests
{
    public static TheoryData<string, string, string, string, string, string> Continued => new()
    {
        // Layout sample, row as written, the row repeated after it, the session, its start and end.
        { "schedule-only", "|        | 15:00 | Office Hours |", "|        | 15:30 | Office Hours |", "office-hours", "15:00", "16:00" },
        { "kubevirt-summit-2021", "|        | 18:30 | [Office Hours: Q&A with KubeVirt maintainers](#office-hours)                              |", "|        | 19:00 | [Office Hours: Q&A with KubeVirt maintainers](#office-hours) |", "office-hours", "18:30", "19:30" },
        { "kubevirt-summit-2021", "|        | 17:30 | [The Road to Version 1](#road-v1)                                                         |", "|        | 17:45 | [The Road to Version 1](#road-v1) |", "road-v1", "17:30", "18:00" },
        { "table-with-speakers", "| 17:35 | 12:35 | Migrating 400 VMs in one weekend | Priya Raman | Users", "| 17:50 | 12:50 | Migrating 400 VMs in one weekend | Priya Raman | Users |", "migrating-400-vms-in-one-weekend", "17:35", "18:10" },
        { "table-with-speakers", "| 16:45 | 11:45 | GPU passthrough at the edge | Ravi Menon  | Users |", "| 17:15 | 12:15 | GPU passthrough at the edge | Ravi Menon | Users |", "gpu-passthrough-at-the-edge", "16:45", "17:45" },
    };

    [Theory]
    [MemberData(nameof(Continued))]
    public void ConsecutiveRowsWithTheSameTitleAreOneLongerSession(string sample, string row, string repeated, string slug, string start, string end)
    {
        var original = TestPages.Read(sample).Event;
        var page = TestPages.Markdown(sample);
        Assert.Contains(row, page, StringComparison.Ordinal);

        var result = new PageReader().Read(page.Replace(row, $"{row}\n{repeated}", StringComparison.Ordinal));

        Assert.Equal(original.Sessions.Select(session => session.Slug), result.Event.Sessions.Select(session => session.Slug));
        var slot = result.Event.Days.SelectMany(day => day.Slots).Single(candidate => candidate.SessionSlugs.Contains(slug));
        Assert.Equal((start, end), (ScheduleText.Clock(TimeOnly.FromDateTime(slot.StartsAt)), ScheduleText.Clock(TimeOnly.FromDateTime(slot.EndsAt))));
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Message.Contains("the rows are one session", StringComparison.Ordinal));
    }

    [Fact]
    public void SameTitleWithOtherSpeakersOrLaterInTheDayStaysTwoSessions()
    {
        var page = TestPages.Markdown("table-with-speakers")
            .Replace("| 18:10 | 13:10 | Closing | Marta Kowalczyk | General |", "| 18:10 | 13:10 | Closing | Marta Kowalczyk | General |\n| 18:40 | 13:40 | Closing | Noah Fischer | General |", StringComparison.Ordinal)
            .Replace("| 16:45 | 11:45 | GPU passthrough at the edge | Ravi Menon  | Users |", "| 16:45 | 11:45 | GPU passthrough at the edge | Ravi Menon  | Users |\n| 17:15 | 12:15 | Backups that restore: lessons from the field | Noah Fischer | Users |", StringComparison.Ordinal);

        var sessions = new PageReader().Read(page).Event.Sessions.Select(session => session.Slug).ToList();

        Assert.Contains("closing-2", sessions);
        Assert.Contains("backups-that-restore-lessons-from-the-field-2", sessions);
    }
}
