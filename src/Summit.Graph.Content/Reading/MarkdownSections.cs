using System.Text.RegularExpressions;

namespace Summit.Graph.Content.Reading;

/// <summary>A heading and the lines under it up to the next heading of the same or a higher level.</summary>
public sealed record MarkdownSection(string Title, int HeadingLine, int LastLine)
{
    public int FirstBodyLine => HeadingLine + 1;
}

/// <summary>Splits a page (or part of one) at its ATX headings (<c>## Title</c>).</summary>
public static partial class MarkdownSections
{
    /// <summary>The sections headed at exactly <paramref name="level"/> between lines <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static IReadOnlyList<MarkdownSection> Split(PageText page, int level, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(page);
        var headings = new List<(int Line, string Title)>();
        for (var number = first; number <= last; number++)
        {
            if (HeadingLevel(page.Line(number), out var title) is { } found && found <= level)
            {
                headings.Add((number, found == level ? title : string.Empty));
            }
        }

        var sections = new List<MarkdownSection>();
        for (var index = 0; index < headings.Count; index++)
        {
            var end = index + 1 < headings.Count ? headings[index + 1].Line - 1 : last;
            // A higher-level heading only closes the previous section; it is not one itself.
            if (headings[index].Title.Length > 0)
            {
                sections.Add(new MarkdownSection(headings[index].Title, headings[index].Line, end));
            }
        }

        return sections;
    }

    /// <summary>The level of an ATX heading line (1 for <c>#</c>), or null when the line is not a heading.</summary>
    public static int? HeadingLevel(string line, out string title)
    {
        var match = HeadingPattern().Match(line);
        title = match.Success ? match.Groups["title"].Value : string.Empty;
        return match.Success ? match.Groups["hashes"].Length : null;
    }

    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})\s+(?<title>.*?)(?:\s+#+)?\s*\z")]
    private static partial Regex HeadingPattern();
}
