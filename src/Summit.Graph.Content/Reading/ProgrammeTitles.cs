using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>A session title as a programme cell or line writes it, with what it says besides the title.</summary>
/// <param name="Minutes">A length the title states, as in "Memory hotplug deep dive (50min)".</param>
public sealed record ProgrammeTitle(string Title, IReadOnlyList<LinkContent> Links, int? Minutes)
{
    /// <summary>When a session starting at <paramref name="start"/> ends by its stated length; null when it states none.</summary>
    public TimeOnly? EndAfter(TimeOnly start) => Minutes is { } minutes ? start.AddMinutes(minutes) : null;
}

/// <summary>
/// Titles of programmes that write no anchors: each session's slug is made from its title, and a title the
/// programme lists again is a repeat (the same talk on the second day), kept as a session of its own with
/// the slug "title-2" so that each keeps its slot and its own abstract.
/// </summary>
public sealed partial class ProgrammeTitles
{
    /// <summary>What a session's slug made of digits alone is prefixed with ("session-2021").</summary>
    public const string SlugKind = "session";

    private readonly Dictionary<string, int> firstLines = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads a title cell: surrounding quotes are dropped, a trailing length "(50min)" is taken out, and a
    /// title linking elsewhere links to the session's proposal.
    /// </summary>
    public static ProgrammeTitle Read(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var links = MarkdownLinks.Find(cell);
        var text = links.Count == 1 && links[0].Length == cell.Trim().Length ? links[0].Label : cell.Trim();
        var length = StatedLength().Match(text);
        var title = (length.Success ? text[..length.Index] : text).Trim().Trim('"', '“', '”').Trim();
        return new ProgrammeTitle(
            title,
            [.. links.Select(link => new LinkContent(LinkKind.Proposal, link.Url, "Proposal"))],
            length.Success ? int.Parse(length.Groups["minutes"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The slug of the session the programme lists at <paramref name="line"/>.</summary>
    public string SlugFor(string title, int line, LineLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var slug = Slugs.From(title, SlugKind);
        if (!firstLines.TryGetValue(slug, out var firstLine))
        {
            firstLines[slug] = line;
            return slug;
        }

        var repeat = 2;
        while (firstLines.ContainsKey($"{slug}-{repeat}"))
        {
            repeat++;
        }

        firstLines[$"{slug}-{repeat}"] = line;
        ledger.Info(line, $"'{title}' is on the programme again (first on line {firstLine}); the repeat is the session '{slug}-{repeat}'.");
        return $"{slug}-{repeat}";
    }

    [GeneratedRegex(@"\(\s*(?<minutes>\d{1,3})\s*min(?:utes)?\.?\s*\)\s*\z", RegexOptions.IgnoreCase)]
    private static partial Regex StatedLength();
}
