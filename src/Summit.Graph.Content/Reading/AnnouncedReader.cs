using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads an edition announced before its programme exists: its dates, format and daily hours, and perhaps a
/// <c>## Schedule</c> section saying the schedule will be published. The edition is imported with its days and
/// hours and no slots, and the report says so; a later page of the edition, with the programme, fills it in.
/// Tried last: a page with anything that looks like a programme (a clock time on any line but the daily hours,
/// a day heading under the programme) is never taken for an announcement, so no programme is dropped unread.
/// </summary>
public sealed partial class AnnouncedReader : IPageReader
{
    private const int AnyLeapYear = 2000;

    public string Layout => "announced";

    public bool CanRead(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        var statesDates = Enumerable.Range(page.BodyStartLine, Math.Max(0, page.LineCount - page.BodyStartLine + 1))
            .Any(number => ScheduleText.FindDates(page.Line(number)) is not null);
        var looksLikeAProgramme = Enumerable.Range(page.BodyStartLine, Math.Max(0, page.LineCount - page.BodyStartLine + 1))
            .Any(number => ClockTime().IsMatch(page.Line(number)) && ScheduleText.FindHours(page.Line(number)) is null)
            || sections.Where(EditionPage.IsProgramme)
                .SelectMany(programme => MarkdownSections.Split(page, 3, programme.FirstBodyLine, programme.LastLine))
                .Any(day => ScheduleText.ParseDayHeading(MarkdownLinks.Remove(day.Title), AnyLeapYear) is not null);
        return statesDates && !looksLikeAProgramme;
    }

    public PageReadResult Read(PageText page)
    {
        var edition = EditionPage.Read(page);
        string? intro = null;
        var line = edition.When?.HeadingLine ?? page.BodyStartLine;
        if (edition.Sections.FirstOrDefault(EditionPage.IsProgramme) is { } schedule)
        {
            edition.Ledger.Account(schedule.HeadingLine, schedule.LastLine);
            intro = edition.Text(schedule.FirstBodyLine, schedule.LastLine);
            line = schedule.HeadingLine;
        }

        edition.Ledger.Info(line, "The page announces the edition without a programme: its days and daily hours were imported, with no slots; "
            + "a page of the edition with its programme fills them in.");
        return edition.Finish(Layout, [], (IReadOnlyList<SessionContent>)[], new PageWording { ProgrammeIntro = intro });
    }

    // "14:00", "9.30", or a range of HHMM times "1300-1325".
    [GeneratedRegex(@"\b\d{1,2}[:.]\d{2}\b|\b\d{4}\s*[-–—]\s*\d{4}\b")]
    private static partial Regex ClockTime();
}
