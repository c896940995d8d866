using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout of the 2021 page: front matter; intro paragraphs; <c>## When</c> with the dates and
/// daily hours; <c>## Program</c> with a Date | Time | Session Title table whose titles link to
/// <c>#anchors</c>; <c>## Session details</c> with one <c>&lt;a name="anchor"&gt;&lt;/a&gt;</c> +
/// <c>### Title</c> section per session; <c>## What's next?</c>; <c>## Sponsors</c>.
/// </summary>
public sealed partial class ProgrammeTableWithDetailsReader : IPageReader
{
    public string Layout => "2021";

    public bool CanRead(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        var programme = sections.FirstOrDefault(EditionPage.IsProgramme);
        var details = sections.FirstOrDefault(IsSessionDetails);
        return programme is not null
            && details is not null
            && MarkdownTables.Find(page, programme.FirstBodyLine, programme.LastLine)
                .Any(table => table.Rows.Any(row => row.Cells.Any(cell => AnchorLink(cell) is not null)));
    }

    public PageReadResult Read(PageText page)
    {
        var edition = EditionPage.Read(page);
        var (programme, programmeIntro) = ReadProgramme(edition, edition.Sections.First(EditionPage.IsProgramme));
        var (details, detailsIntro) = ReadSessionDetails(edition, edition.Sections.First(IsSessionDetails));
        var wording = new PageWording { ProgrammeIntro = programmeIntro, SessionDetailsIntro = detailsIntro };
        return edition.Finish(Layout, [.. programme.Select(row => row.Entry)], JoinSessions(programme, details, edition.Ledger), wording);
    }

    /// <summary>A programme table row: one session at one time, and the title the table gives it.</summary>
    private sealed record ProgrammeRow(ProgrammeEntry Entry, string Title)
    {
        public string Slug => Entry.Slug;

        public int Line => Entry.Line;
    }

    private static (List<ProgrammeRow> Rows, string? Intro) ReadProgramme(EditionPage edition, MarkdownSection section)
    {
        var (rows, intro) = ProgrammeTable.Read(edition, section);
        return ([.. rows.Select(row => ToProgrammeRow(row, edition.Ledger))], intro);
    }

    private static ProgrammeRow ToProgrammeRow(ProgrammeTableRow row, LineLedger ledger)
    {
        if (AnchorLink(row.TitleCell) is { } anchor)
        {
            return new ProgrammeRow(new ProgrammeEntry(row.Line, row.Date, row.Start, row.End, anchor.Url[1..]), anchor.Label);
        }

        var title = string.Join(" ", MarkdownLinks.Find(row.TitleCell).Select(link => link.Label).DefaultIfEmpty(row.TitleCell));
        ledger.Warn(row.Line, "The session title links to no '#anchor'; its slug was made from the title.");
        return new ProgrammeRow(new ProgrammeEntry(row.Line, row.Date, row.Start, row.End, Slugs.From(title, ProgrammeTitles.SlugKind)), title);
    }

    private static (List<SessionSection> Sections, string? Intro) ReadSessionDetails(EditionPage edition, MarkdownSection section)
    {
        var (page, ledger) = (edition.Page, edition.Ledger);
        ledger.Account(section.HeadingLine);
        var starts = new List<(string Slug, int HeadingLine)>();
        (string Slug, int Line)? anchor = null;
        string? intro = null;
        for (var number = section.FirstBodyLine; number <= section.LastLine; number++)
        {
            var line = page.Line(number);
            var anchorMatch = AnchorTag().Match(line);
            if (anchorMatch.Success)
            {
                anchor = (anchorMatch.Groups["name"].Value, number);
                ledger.Account(number);
            }
            else if (MarkdownSections.HeadingLevel(line, out var heading) == 3)
            {
                if (anchor is null)
                {
                    ledger.Warn(number, "The session has no <a name=\"…\"></a> anchor before its heading; its slug was made from the title.");
                }

                starts.Add((anchor?.Slug ?? Slugs.From(heading, ProgrammeTitles.SlugKind), number));
                anchor = null;
            }
            else if (starts.Count == 0 && intro is null && SessionListIntro().IsMatch(line))
            {
                ledger.Account(number);
                intro = page.Raw(number);
            }
            else if (anchor is { } dangling && !page.IsBlank(number))
            {
                ledger.Warn(dangling.Line, $"The anchor '{dangling.Slug}' is not followed by a session heading; it was ignored.");
                anchor = null;
            }
        }

        var sessions = new List<SessionSection>();
        for (var index = 0; index < starts.Count; index++)
        {
            var last = index + 1 < starts.Count ? PrecedingAnchorOrSelf(page, starts[index + 1].HeadingLine) - 1 : section.LastLine;
            var read = SessionSectionReader.Read(page, starts[index].Slug, starts[index].HeadingLine, last, ledger);
            if (sessions.Any(session => session.Slug == read.Slug))
            {
                ledger.Warn(read.Line, $"A session with the anchor '{read.Slug}' was read before; this section was not imported.");
                continue;
            }

            sessions.Add(read);
        }

        return (sessions, intro);
    }

    private static int PrecedingAnchorOrSelf(PageText page, int headingLine)
    {
        var number = headingLine - 1;
        while (number > 0 && page.IsBlank(number))
        {
            number--;
        }

        return number > 0 && AnchorTag().IsMatch(page.Line(number)) ? number : headingLine;
    }

    /// <summary>
    /// Sessions in programme order, then sections the programme does not list. The heading is the title;
    /// the programme's wording is kept as <see cref="SessionContent.ProgrammeTitle"/> only where it differs.
    /// People are merged across sessions so each person is one instance everywhere.
    /// </summary>
    private static List<SessionContent> JoinSessions(List<ProgrammeRow> programme, List<SessionSection> sections, LineLedger ledger)
    {
        var people = PeopleDirectory.Of(sections, ledger);
        var sectionsBySlug = sections.ToDictionary(section => section.Slug, StringComparer.Ordinal);
        var sessions = new List<SessionContent>();
        foreach (var row in programme.DistinctBy(row => row.Slug))
        {
            if (sectionsBySlug.Remove(row.Slug, out var section))
            {
                sessions.Add(SessionSectionReader.ToSession(section, row.Title, people));
                continue;
            }

            ledger.Warn(row.Line, $"No session section has the anchor '{row.Slug}'; the session has only its programme title.");
            sessions.Add(new SessionContent
            {
                Slug = row.Slug,
                Title = row.Title,
                Kind = SessionKindRule.Infer([row.Title], []),
                AbstractMarkdown = string.Empty,
                Line = row.Line,
            });
        }

        foreach (var section in sections.Where(section => sectionsBySlug.ContainsKey(section.Slug)))
        {
            ledger.Warn(section.Line, $"The session '{section.Slug}' has no row in the programme table; it has no time slot.");
            sessions.Add(SessionSectionReader.ToSession(section, programmeTitle: null, people));
        }

        return sessions;
    }

    private static MarkdownLink? AnchorLink(string cell) =>
        MarkdownLinks.Find(cell).FirstOrDefault(link => link.Url.Length > 1 && link.Url[0] == '#');


    private static bool IsSessionDetails(MarkdownSection section) => EditionPage.Heading(section) == "session details";

    [GeneratedRegex(@"^<a\s+(?:name|id)\s*=\s*""(?<name>[^""]+)""\s*>\s*</a>\z")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"^(?:Here|Below) is a list of\b", RegexOptions.IgnoreCase)]
    private static partial Regex SessionListIntro();
}
