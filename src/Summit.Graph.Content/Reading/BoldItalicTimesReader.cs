using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout with one <c>### Monday, May 21</c> section per day, each session a
/// <c>**12:30-12:55 _Title_**</c> line (or <c>**1300-1325: _Title_** &lt;br&gt;</c>: times in any form, colon optional),
/// then a <c>Names, Company &lt;br&gt;</c> line naming its speakers and their shared affiliation when they are known,
/// then <c>Description:</c> (or <c>Abstract:</c>, <c>Summary:</c>, emphasised or not) and the abstract's paragraphs when there is one.
/// </summary>
public sealed partial class BoldItalicTimesReader : IPageReader
{
    public string Layout => "bold-italic-times";

    public bool CanRead(PageText page) => DaySections.Has(page, SessionLine().IsMatch);

    public PageReadResult Read(PageText page) =>
        DaySections.ReadProgramme(page, Layout, SessionLine(), (block, ledger) =>
            new SessionDetails(ReadAbstract(page, block, ledger), ReadPeople(page, block, ledger)));

    /// <summary>
    /// The line right under the session's, unless it is the description: "Carlos Mendes &amp; Priya Raman, Northwind Telecom &lt;br&gt;",
    /// with or without a label ("Speakers: …").
    /// </summary>
    private static List<RoleMention> ReadPeople(PageText page, SessionBlock block, LineLedger ledger)
    {
        var number = block.FirstLine + 1;
        if (number > block.LastLine || page.IsBlank(number) || Description().IsMatch(page.Line(number)))
        {
            return [];
        }

        ledger.Account(number);
        var line = PeopleLineParser.WithoutSpeakersLabel(LineBreak().Replace(page.Line(number), string.Empty));
        return [.. PeopleLineParser.ParseGroup(line).Select(person => new RoleMention(person, PresenterRole.Presenter, number, Credit: null))];
    }

    /// <summary>The text after "Description:" and every line after it up to the next session, as written.</summary>
    private static string ReadAbstract(PageText page, SessionBlock block, LineLedger ledger)
    {
        var start = Enumerable.Range(block.FirstLine + 1, block.LastLine - block.FirstLine)
            .FirstOrDefault(number => Description().IsMatch(page.Line(number)));
        if (start == 0)
        {
            return string.Empty;
        }

        ledger.Account(start, block.LastLine);
        var rest = page.Markdown(start + 1, block.LastLine);
        var first = Description().Match(page.Line(start)).Groups["text"].Value;
        var gap = string.Concat(Enumerable.Range(start + 1, block.LastLine - start).TakeWhile(page.IsBlank).Select(_ => "\n"));
        return rest.Length == 0 ? first : $"{first}\n{gap}{rest}";
    }

    // "**12:30-12:55 _Title_**", "**1300-1325: _Title_** <br>", "**12:30-12:55** _Title_": times in any form, the
    // colon, the line break and where the bold ends optional; the title in _ or * italics.
    [GeneratedRegex(@"^\*\*(?<times>" + ScheduleText.TimeRangeText + @")\s*:?\s*(?:\*\*\s*)?(?<italic>[_*])(?<title>[^_*].*?)\k<italic>\s*(?:\*\*)?\s*(?:<br\s*/?>)?\z")]
    private static partial Regex SessionLine();

    // "Description: …", "**Description:** …", "Abstract: …", "_Summary_: …".
    [GeneratedRegex(@"^[*_]*(?:Description|Abstract|Summary)[*_]*\s*:\s*[*_]*\s*(?<text>.*)\z", RegexOptions.IgnoreCase)]
    private static partial Regex Description();

    [GeneratedRegex(@"\s*<br\s*/?>\s*\z", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();
}
