using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the programme published before an event: a <c>## Program</c> Date | Time | Session Title table whose
/// titles link to the sessions' proposals elsewhere (or to nothing yet), and no session details. The sessions
/// get their titles, kinds and proposal links; a full page of the same edition fills in the rest later.
/// </summary>
public sealed class ScheduleOnlyReader : IPageReader
{
    public string Layout => "schedule-only";

    public bool CanRead(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        return !sections.Any(section => EditionPage.Heading(section) == "session details")
            && sections.Where(EditionPage.IsProgramme).Any(section => ProgrammeTable.HasDateTimeTitleTable(page, section));
    }

    public PageReadResult Read(PageText page)
    {
        var edition = EditionPage.Read(page);
        var (rows, intro) = ProgrammeTable.Read(edition, edition.Sections.First(EditionPage.IsProgramme));
        var titles = new ProgrammeTitles();
        var programme = new List<ProgrammeEntry>();
        var sessions = new List<SessionSection>();
        foreach (var row in rows)
        {
            var title = ProgrammeTitles.Read(row.TitleCell);
            var slug = titles.SlugFor(title.Title, row.Line, edition.Ledger);
            programme.Add(new ProgrammeEntry(row.Line, row.Date, row.Start, row.End ?? title.EndAfter(row.Start), slug));
            sessions.Add(new SessionSection(slug, title.Title, row.Line, string.Empty, title.Links, []));
        }

        return edition.Finish(Layout, programme, sessions, new PageWording { ProgrammeIntro = intro });
    }
}
