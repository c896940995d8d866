using System.Globalization;
using System.Text.RegularExpressions;

namespace Summit.Graph.Content.Reading;

/// <summary>A row of a programme table, its day carried down from the rows above; <see cref="Speakers"/> where the table names them.</summary>
public sealed record ProgrammeTableRow(int Line, DateOnly Date, TimeOnly Start, TimeOnly? End, string TitleCell, string? Speakers = null);

/// <summary>
/// Reads the programme table of the 2021 and the schedule-only layouts: a Date | Time | Session Title
/// table whose date cells ("9/Feb") are left empty for the rest of a day, and the text introducing it.
/// A slot that does not end when the next one starts prints its end: "14:30-15:20".
/// </summary>
public static partial class ProgrammeTable
{
    public static bool HasDateTimeTitleTable(PageText page, MarkdownSection section)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(section);
        return MarkdownTables.Find(page, section.FirstBodyLine, section.LastLine)
            .Any(table => table.Column("Date", "Day") >= 0 && table.Column(MarkdownTable.TimeHeaders) >= 0 && table.Column(MarkdownTable.TitleHeaders) >= 0);
    }

    /// <summary>The rows with a readable day and time, and the text between the heading and the table (null when none).</summary>
    public static (IReadOnlyList<ProgrammeTableRow> Rows, string? Intro) Read(EditionPage edition, MarkdownSection section)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(section);
        var (page, ledger, dates) = (edition.Page, edition.Ledger, edition.Dates);
        ledger.Account(section.HeadingLine);
        var tables = MarkdownTables.Find(page, section.FirstBodyLine, section.LastLine);
        var table = tables.Count > 0
            ? tables[0]
            : throw new PageFormatException($"The '## {section.Title}' section (line {section.HeadingLine}) holds no table.");
        ledger.Account(table.FirstLine, table.LastLine);
        var dateColumn = Column(table, 0, "Date", "Day");
        var timeColumn = Column(table, 1, MarkdownTable.TimeHeaders);
        var titleColumn = Column(table, 2, MarkdownTable.TitleHeaders);

        var rows = new List<ProgrammeTableRow>();
        DateOnly? day = null;
        foreach (var row in table.Rows)
        {
            var dayLabel = row.Cell(dateColumn);
            if (dayLabel.Length > 0)
            {
                day = ScheduleText.ParseDayLabel(dayLabel, edition.Year);
                if (day is null)
                {
                    ledger.Warn(row.Line, $"'{dayLabel}' is not a day such as '9/Feb'; the rows up to the next day were not imported.");
                }
                else if (day < dates.Start || day > dates.End)
                {
                    ledger.Warn(row.Line, $"{day:yyyy-MM-dd} lies outside the event's dates {dates.Start:yyyy-MM-dd}..{dates.End:yyyy-MM-dd}.");
                }
            }

            var timeCell = row.Cell(timeColumn);
            var range = ScheduleText.ParseTimeRange(timeCell);
            var time = range?.Start ?? ScheduleText.ParseTime(timeCell);
            if (time is null)
            {
                ledger.Warn(row.Line, $"'{timeCell}' is not a time such as '14:30'; the row was not imported.");
            }
            else if (day is not null)
            {
                rows.Add(new ProgrammeTableRow(row.Line, day.Value, time.Value, range?.End, row.Cell(titleColumn)));
            }
        }

        if (rows.Count == 0)
        {
            throw new PageFormatException($"The programme table (line {table.FirstLine}) has no row with a readable day and time.");
        }

        ledger.Account(section.FirstBodyLine, table.FirstLine - 1);
        CheckSessionCount(page, section.FirstBodyLine, table.FirstLine - 1, rows, ledger);
        return (JoinContinuations(rows, ledger), edition.Text(section.FirstBodyLine, table.FirstLine - 1));
    }

    /// <summary>
    /// A session written as consecutive rows of one day with the same title (and speakers) is one longer session:
    /// the first row, ending where the last would. A row that prints no end lasts until the next row starts, and the
    /// day's last row as long as the row before it.
    /// </summary>
    public static List<ProgrammeTableRow> JoinContinuations(IReadOnlyList<ProgrammeTableRow> rows, LineLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(ledger);
        var joined = new List<ProgrammeTableRow>();
        for (var index = 0; index < rows.Count; index++)
        {
            var first = rows[index];
            var last = index;
            while (last + 1 < rows.Count && Continues(rows[last], rows[last + 1]))
            {
                last++;
            }

            if (last == index)
            {
                joined.Add(first);
                continue;
            }

            var final = rows[last];
            var next = last + 1 < rows.Count && rows[last + 1].Date == final.Date ? rows[last + 1] : null;
            var end = final.End ?? next?.Start ?? final.Start.Add(final.Start - rows[last - 1].Start);
            ledger.Info(final.Line, $"'{first.TitleCell.Trim()}' continues from line {first.Line}; the rows are one session, "
                + $"{ScheduleText.Clock(first.Start)}–{ScheduleText.Clock(end)}.");
            joined.Add(first with { End = end });
            index = last;
        }

        return joined;
    }

    private static bool Continues(ProgrammeTableRow row, ProgrammeTableRow next) =>
        next.Date == row.Date && next.Start > row.Start
        && string.Equals(next.TitleCell.Trim(), row.TitleCell.Trim(), StringComparison.Ordinal)
        && string.Equals(next.Speakers?.Trim(), row.Speakers?.Trim(), StringComparison.Ordinal);

    /// <summary>A sentence such as "The event consisted of 20 sessions with the following schedule:" must count the table's sessions.</summary>
    private static void CheckSessionCount(PageText page, int first, int last, List<ProgrammeTableRow> rows, LineLedger ledger)
    {
        var sessions = rows.Select(row => row.TitleCell).Distinct(StringComparer.Ordinal).Count();
        for (var number = first; number <= last; number++)
        {
            var count = SessionCount().Match(page.Line(number));
            if (count.Success && int.Parse(count.Groups["count"].Value, CultureInfo.InvariantCulture) != sessions)
            {
                ledger.Warn(number, $"The sentence counts {count.Groups["count"].Value} sessions; the table lists {sessions}.");
            }
        }
    }

    private static int Column(MarkdownTable table, int fallback, params string[] names) =>
        table.Column(names) is var index and >= 0 ? index : fallback;

    [GeneratedRegex(@"\b(?<count>\d+) sessions\b")]
    private static partial Regex SessionCount();
}
