using System.Text.RegularExpressions;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// An inline link as written: <c>[Label](url)</c>, or an autolink <c>&lt;url&gt;</c> whose label is its URL; label and
/// URL normalised (see <see cref="TextNormalization"/>), so a zero-width space pasted into a URL never reaches it.
/// </summary>
public sealed record MarkdownLink(string Label, string Url, int Index, int Length)
{
    public string Label { get; init; } = TextNormalization.Clean(Label);

    public string Url { get; init; } = TextNormalization.Clean(Url);
}

/// <summary>Finds the inline links of a Markdown line; pages only use the simple forms, without titles.</summary>
public static partial class MarkdownLinks
{
    public static IReadOnlyList<MarkdownLink> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. LinkPattern().Matches(text).Select(ToLink)];
    }

    /// <summary>The text with its links left out.</summary>
    public static string Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LinkPattern().Replace(text, string.Empty);
    }

    /// <summary>True when the text holds nothing but links and the separators between them (<c>/</c>, <c>|</c>, <c>·</c>, commas).</summary>
    public static bool IsOnlyLinks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var links = Find(text);
        return links.Count > 0 && SeparatorsOnly().IsMatch(LinkPattern().Replace(text, string.Empty));
    }

    private static MarkdownLink ToLink(Match match) =>
        match.Groups["auto"].Success
            ? new MarkdownLink(match.Groups["auto"].Value, match.Groups["auto"].Value, match.Index, match.Length)
            : new MarkdownLink(match.Groups["label"].Value.Trim(), match.Groups["url"].Value.Trim(), match.Index, match.Length);

    // The URL part allows one level of balanced parentheses, as CommonMark does.
    [GeneratedRegex(@"\[(?<label>[^\]]*)\]\((?<url>(?:[^()\s]|\([^()\s]*\))+)\)|<(?<auto>https?://[^>\s]+)>")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[\s/|·,]*\z")]
    private static partial Regex SeparatorsOnly();
}
