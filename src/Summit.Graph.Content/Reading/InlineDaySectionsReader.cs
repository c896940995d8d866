using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout with one <c>### April 12</c> section per day, each session a
/// <c>1300-1325: **Title**&lt;br&gt;</c> line (times in any mix of "1300" and "13:00"), then
/// <c>Presented by A &amp; B</c>, then its abstract up to the next session.
/// </summary>
public sealed partial class InlineDaySectionsReader : IPageReader
{
    public string Layout => "inline-day-sections";

    public bool CanRead(PageText page) => DaySections.Has(page, SessionLine().IsMatch);

    public PageReadResult Read(PageText page)
    {
        var edition = EditionPage.Read(page);
        var (blocks, intro) = DaySections.Read(edition, SessionLine().IsMatch);
        var titles = new ProgrammeTitles();
        var programme = new List<ProgrammeEntry>();
        var sessions = new List<SessionSection>();
        foreach (var block in blocks)
        {
            var header = SessionLine().Match(page.Line(block.FirstLine));
            var times = ScheduleText.ParseTimeRange(header.Groups["times"].Value)!;
            var title = header.Groups["title"].Value.Trim();
            var slug = titles.SlugFor(title, block.FirstLine, edition.Ledger);
            edition.Ledger.Account(block.FirstLine, block.LastLine);

            var abstractStart = block.FirstLine + 1;
            IReadOnlyList<RoleMention> people = [];
            var presenters = abstractStart <= block.LastLine ? PresentedBy().Match(page.Line(abstractStart)) : Match.Empty;
            if (presenters.Success)
            {
                people = [.. PeopleLineParser.SplitNames(presenters.Groups["names"].Value)
                    .Select(name => new RoleMention(new PersonMention(name, null, null, null, null, null, null), PresenterRole.Presenter, abstractStart, Credit: null))];
                abstractStart++;
            }

            programme.Add(new ProgrammeEntry(block.FirstLine, block.Date, times.Start, times.End, slug));
            sessions.Add(new SessionSection(slug, title, block.FirstLine, page.Markdown(abstractStart, block.LastLine), [], people));
        }

        return edition.Finish(Layout, programme, sessions, new PageWording { ProgrammeIntro = intro });
    }

    [GeneratedRegex(@"^(?<times>(?:\d{1,2}:\d{2}|\d{4})\s*[-–—]\s*(?:\d{1,2}:\d{2}|\d{4}))\s*:\s*\*\*(?<title>.+?)\*\*\s*(?:<br\s*/?>)?$")]
    private static partial Regex SessionLine();

    [GeneratedRegex(@"^Presented by\s+(?<names>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PresentedBy();
}
