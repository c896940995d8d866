using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout with one table per day: a <c>## [DAY 1](…) Wednesday, March 3</c> heading over a
/// Time (UTC) | Time (EST) | Session | Speaker | Track table (or headers of the same meaning: UTC | EST | Title | Speakers). Sessions have no abstracts; speakers are
/// names listed with commas, <c>&amp;</c> or "and". The second zone's times are checked against the UTC ones.
/// </summary>
public sealed partial class DayTablesWithSpeakersReader : IPageReader
{
    private const int AnyLeapYear = 2000;

    public string Layout => "table-with-speakers";

    public bool CanRead(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount)
            .Any(section => ScheduleText.ParseDayHeading(MarkdownLinks.Remove(section.Title), AnyLeapYear) is not null
                && DayTable(page, section) is not null);
    }

    public PageReadResult Read(PageText page)
    {
        var edition = EditionPage.Read(page);
        var ledger = edition.Ledger;
        string? intro = null;
        if (edition.Sections.FirstOrDefault(EditionPage.IsProgramme) is { } schedule)
        {
            ledger.Account(schedule.HeadingLine, schedule.LastLine);
            intro = edition.Text(schedule.FirstBodyLine, schedule.LastLine);
        }

        var titles = new ProgrammeTitles();
        var programme = new List<ProgrammeEntry>();
        var sessions = new List<SessionSection>();
        foreach (var section in edition.Sections)
        {
            if (DayTable(page, section) is not { } table || edition.DayOf(section.Title, section.HeadingLine) is not { } date)
            {
                continue;
            }

            ledger.Account(section.HeadingLine);
            ledger.Account(table.FirstLine, table.LastLine);
            foreach (var link in MarkdownLinks.Find(section.Title))
            {
                ledger.Info(section.HeadingLine, $"The day's link '{link.Label}' ({link.Url}) has no place in the content; it was not imported.");
            }

            ReadDay(edition, table, date, titles, programme, sessions);
        }

        return edition.Finish(Layout, programme, sessions, new PageWording { ProgrammeIntro = intro });
    }

    private static void ReadDay(EditionPage edition, MarkdownTable table, DateOnly date, ProgrammeTitles titles, List<ProgrammeEntry> programme, List<SessionSection> sessions)
    {
        var ledger = edition.Ledger;
        var utcColumn = table.Column("UTC", "GMT") is var utc and >= 0 ? utc : table.Column(MarkdownTable.TimeHeaders);
        var (zoneColumn, zone) = SecondZone(table, utcColumn);
        var titleColumn = table.Column(MarkdownTable.TitleHeaders);
        var speakerColumn = table.Column(MarkdownTable.SpeakerHeaders);
        var trackColumn = table.Column("Track");
        if (trackColumn >= 0)
        {
            ledger.Info(table.FirstLine, $"The '{table.Header[trackColumn]}' column names a topic, which the content has no place for; it was not imported.");
        }

        if (zone is not null && ScheduleText.ZoneOffset(zone) is null)
        {
            ledger.Warn(table.FirstLine, $"The zone {zone} is not one the readers know; its times were not checked.");
        }

        var rows = new List<ProgrammeTableRow>();
        foreach (var row in table.Rows)
        {
            var timeCell = row.Cell(utcColumn);
            var range = ScheduleText.ParseTimeRange(timeCell);
            if ((range?.Start ?? ScheduleText.ParseTime(timeCell)) is not { } start)
            {
                ledger.Warn(row.Line, $"'{timeCell}' is not a time such as '14:30'; the row was not imported.");
                continue;
            }

            if (zone is not null && ScheduleText.ZoneOffset(zone) is { } offset)
            {
                CheckSecondZone(row, zoneColumn, zone, start, offset, ledger);
            }

            var stated = ProgrammeTitles.Read(row.Cell(titleColumn));
            rows.Add(new ProgrammeTableRow(row.Line, date, start, range?.End ?? stated.EndAfter(start), row.Cell(titleColumn), row.Cell(speakerColumn)));
        }

        foreach (var row in ProgrammeTable.JoinContinuations(rows, ledger))
        {
            var title = ProgrammeTitles.Read(row.TitleCell);
            var slug = titles.SlugFor(title.Title, row.Line, ledger);
            var people = PeopleLineParser.ParseNames(row.Speakers ?? string.Empty)
                .Select(person => new RoleMention(person, PresenterRole.Presenter, row.Line, Credit: null));
            programme.Add(new ProgrammeEntry(row.Line, date, row.Start, row.End, slug));
            sessions.Add(new SessionSection(slug, title.Title, row.Line, string.Empty, title.Links, [.. people]));
        }
    }

    /// <summary>The row's time in the second zone must be its UTC time moved by the zone's offset.</summary>
    private static void CheckSecondZone(MarkdownTableRow row, int column, string zone, TimeOnly utc, TimeSpan offset, LineLedger ledger)
    {
        var cell = row.Cell(column);
        var expected = ScheduleText.ToZone(utc, offset);
        var printed = ScheduleText.ParseTimeRange(cell)?.Start ?? ScheduleText.ParseTime(cell);
        if (printed != expected)
        {
            ledger.Warn(row.Line, $"'{cell}' {zone} disagrees with {ScheduleText.Clock(utc)} UTC, which is {ScheduleText.Clock(expected)} {zone}; the UTC time was kept.");
        }
    }

    /// <summary>
    /// The column of times in another zone, and that zone: "Time (EST)" names any zone (an unknown one is reported);
    /// a header that is only a zone, "EST", must be one the readers know, so that a "TRACK" column is not taken for one.
    /// </summary>
    private static (int Column, string? Zone) SecondZone(MarkdownTable table, int utcColumn)
    {
        for (var column = 0; column < table.Header.Count; column++)
        {
            var header = ZoneInHeader().Match(table.Header[column]);
            var zone = header.Groups["zone"].Value;
            if (column != utcColumn && header.Success && (header.Groups["time"].Success || ScheduleText.ZoneOffset(zone) is not null))
            {
                return (column, zone);
            }
        }

        return (-1, null);
    }

    private static MarkdownTable? DayTable(PageText page, MarkdownSection section) =>
        MarkdownTables.Find(page, section.FirstBodyLine, section.LastLine)
            .FirstOrDefault(table => table.Column(MarkdownTable.SpeakerHeaders) >= 0 && table.Column(MarkdownTable.TimeHeaders) >= 0);

    [GeneratedRegex(@"^(?:(?<time>Time)\s*\((?<zone>[A-Z]{2,5})\)|(?<zone>[A-Z]{2,5}))\z", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneInHeader();
}
