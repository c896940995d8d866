using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>The lines of one session in a programme written as day sections: its first line, and the lines after it.</summary>
public sealed record SessionBlock(DateOnly Date, int FirstLine, int LastLine);

/// <summary>What a layout reads from a session block beyond its header line: the abstract and the people.</summary>
public sealed record SessionDetails(string AbstractMarkdown, IReadOnlyList<RoleMention> People);

/// <summary>
/// Splits a programme written as one <c>###</c> section per day ("### April 12", "### Monday, May 21")
/// into session blocks: each starts at a line the layout recognises and runs up to the next one or the
/// day's end. Text between the programme's heading and the first day is its intro, kept as written.
/// </summary>
public static partial class DaySections
{
    /// <summary>True when a <c>###</c> day section under the programme heading holds a line that starts a session.</summary>
    public static bool Has(PageText page, Func<string, bool> startsSession)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(startsSession);
        return MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount)
            .Where(EditionPage.IsProgramme)
            .SelectMany(programme => MarkdownSections.Split(page, 3, programme.FirstBodyLine, programme.LastLine))
            .Any(day => Enumerable.Range(day.FirstBodyLine, day.LastLine - day.FirstBodyLine + 1).Any(number => startsSession(page.Line(number))));
    }

    public static (IReadOnlyList<SessionBlock> Blocks, string? Intro) Read(EditionPage edition, Func<string, bool> startsSession)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(startsSession);
        var (page, ledger) = (edition.Page, edition.Ledger);
        var programme = edition.Sections.FirstOrDefault(EditionPage.IsProgramme)
            ?? throw new PageFormatException("The page has no '## Schedule' or '## Program' section.");
        ledger.Account(programme.HeadingLine);
        var days = MarkdownSections.Split(page, 3, programme.FirstBodyLine, programme.LastLine);
        var introEnd = days.Count > 0 ? days[0].HeadingLine - 1 : programme.LastLine;
        ledger.Account(programme.FirstBodyLine, introEnd);

        var blocks = new List<SessionBlock>();
        foreach (var day in days)
        {
            if (edition.DayOf(day.Title, day.HeadingLine) is not { } date)
            {
                var sessions = Enumerable.Range(day.FirstBodyLine, day.LastLine - day.FirstBodyLine + 1).Count(number => startsSession(page.Line(number)));
                ledger.Warn(day.HeadingLine, sessions == 0
                    ? $"'{day.Title}' is not a day of the programme such as 'April 12' or 'Monday, May 21'; the lines under it were not imported."
                    : $"'{day.Title}' is not a day such as 'April 12' or 'Monday, May 21'; its {sessions} sessions were not imported.");
                ledger.Account(day.HeadingLine);
                continue;
            }

            ledger.Account(day.HeadingLine);
            var starts = Enumerable.Range(day.FirstBodyLine, day.LastLine - day.FirstBodyLine + 1)
                .Where(number => startsSession(page.Line(number)))
                .ToList();
            blocks.AddRange(starts.Select((start, index) => new SessionBlock(date, start, index + 1 < starts.Count ? starts[index + 1] - 1 : day.LastLine)));
        }

        return (blocks, edition.Text(programme.FirstBodyLine, introEnd));
    }

    /// <summary>
    /// Reads a page whose programme is day sections of session blocks, each starting with a header line that
    /// <paramref name="sessionLine"/> matches with <c>times</c> and <c>title</c> groups; the layout reads the rest
    /// of each block (and accounts for its lines) with <paramref name="details"/>.
    /// </summary>
    public static PageReadResult ReadProgramme(PageText page, string layout, System.Text.RegularExpressions.Regex sessionLine,
        Func<SessionBlock, LineLedger, SessionDetails> details)
    {
        ArgumentNullException.ThrowIfNull(sessionLine);
        ArgumentNullException.ThrowIfNull(details);
        var edition = EditionPage.Read(page);
        var (blocks, intro) = Read(edition, sessionLine.IsMatch);
        var titles = new ProgrammeTitles();
        var programme = new List<ProgrammeEntry>();
        var sessions = new List<SessionSection>();
        foreach (var block in blocks)
        {
            var header = sessionLine.Match(page.Line(block.FirstLine));
            var times = ScheduleText.ParseTimeRange(header.Groups["times"].Value)!;
            // A full stop closing a title is the page's punctuation, not the talk's ("Snapshots you can trust.").
            var title = TitlePunctuation().Replace(header.Groups["title"].Value.Trim(), string.Empty);
            var slug = titles.SlugFor(title, block.FirstLine, edition.Ledger);
            edition.Ledger.Account(block.FirstLine);
            var (abstractMarkdown, people) = details(block, edition.Ledger);
            programme.Add(new ProgrammeEntry(block.FirstLine, block.Date, times.Start, times.End, slug));
            sessions.Add(new SessionSection(slug, title, block.FirstLine, abstractMarkdown, [], people));
        }

        return edition.Finish(layout, programme, sessions, new PageWording { ProgrammeIntro = intro });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\.)\.\z")]
    private static partial System.Text.RegularExpressions.Regex TitlePunctuation();
}
