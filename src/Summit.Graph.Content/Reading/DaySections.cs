namespace Summit.Graph.Content.Reading;

/// <summary>The lines of one session in a programme written as day sections: its first line, and the lines after it.</summary>
public sealed record SessionBlock(DateOnly Date, int FirstLine, int LastLine);

/// <summary>
/// Splits a programme written as one <c>###</c> section per day ("### April 12", "### Monday, May 21")
/// into session blocks: each starts at a line the layout recognises and runs up to the next one or the
/// day's end. Text between the programme's heading and the first day is its intro, kept as written.
/// </summary>
public static class DaySections
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
                ledger.Warn(day.HeadingLine, $"'{day.Title}' is not a day such as 'April 12' or 'Monday, May 21'; its sessions were not imported.");
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
}
