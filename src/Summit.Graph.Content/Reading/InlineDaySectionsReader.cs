using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout with one <c>### April 12</c> section per day, each session a
/// <c>1300-1325: **Title**&lt;br&gt;</c> line (times in any mix of "1300" and "13:00", the colon and the line break
/// optional), then <c>Presented by A &amp; B</c> (or <c>Speakers: A, B</c>) when the speakers are known, then its abstract
/// up to the next session.
/// </summary>
public sealed partial class InlineDaySectionsReader : IPageReader
{
    public string Layout => "inline-day-sections";

    public bool CanRead(PageText page) => DaySections.Has(page, SessionLine().IsMatch);

    public PageReadResult Read(PageText page) =>
        DaySections.ReadProgramme(page, Layout, SessionLine(), (block, ledger) =>
        {
            ledger.Account(block.FirstLine + 1, block.LastLine);
            var abstractStart = block.FirstLine + 1;
            IReadOnlyList<RoleMention> people = [];
            var presenters = abstractStart <= block.LastLine ? PresentedBy().Match(page.Line(abstractStart)) : Match.Empty;
            if (presenters.Success)
            {
                people = [.. PeopleLineParser.ParseNames(presenters.Groups["names"].Value)
                    .Select(person => new RoleMention(person, PresenterRole.Presenter, abstractStart, Credit: null))];
                abstractStart++;
            }

            return new SessionDetails(page.Markdown(abstractStart, block.LastLine), people);
        });

    // "1300-1325: **Title**<br>", with or without the colon (or a dash) and the line break; times in any form.
    [GeneratedRegex(@"^(?<times>" + ScheduleText.TimeRangeText + @")\s*[:–—-]?\s*\*\*(?<title>[^*].*?)\*\*\s*(?:<br\s*/?>)?\z")]
    private static partial Regex SessionLine();

    // "Presented by A & B", "Presenters: A, B", "Speaker: _A_<br>".
    [GeneratedRegex(@"^" + PeopleLineParser.SpeakersLabelText + @"\s+[*_]*(?<names>.+?)[*_]*\s*(?:<br\s*/?>)?\z", RegexOptions.IgnoreCase)]
    private static partial Regex PresentedBy();
}
