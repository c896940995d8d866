namespace Summit.Graph.Content.Reading;

/// <summary>
/// A page split into numbered lines, with its front matter read. Line endings (LF, CRLF or CR) and Unicode
/// (NFC) are normalised so that readers see the same text whatever editor saved the page.
/// </summary>
public sealed class PageText
{
    private readonly string[] lines;

    private PageText(string[] lines)
    {
        this.lines = lines;
        FrontMatter = FrontMatter.Read(this);
    }

    public static PageText Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        // NFC: an accent written as a combining mark is the same text as the accented letter.
        var normalised = UnicodeComposition.Compose(markdown).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalised.EndsWith('\n'))
        {
            normalised = normalised[..^1];
        }

        return new PageText(normalised.Split('\n'));
    }

    public int LineCount => lines.Length;

    public FrontMatter FrontMatter { get; }

    /// <summary>The first line after the front matter.</summary>
    public int BodyStartLine => FrontMatter.LastLine + 1;

    /// <summary>Line <paramref name="number"/> (1-based) as written, for Markdown that is kept verbatim.</summary>
    public string Raw(int number) => lines[number - 1];

    /// <summary>Line <paramref name="number"/> (1-based) without trailing whitespace, for recognising structure.</summary>
    public string Line(int number) => lines[number - 1].TrimEnd();

    public bool IsBlank(int number) => string.IsNullOrWhiteSpace(lines[number - 1]);

    /// <summary>
    /// Lines <paramref name="first"/> to <paramref name="last"/> as written, without the blank lines
    /// at either end: the form Markdown fields are stored in.
    /// </summary>
    public string Markdown(int first, int last) => Markdown(Enumerable.Range(first, Math.Max(0, last - first + 1)));

    /// <summary>The given lines as written, joined, without blank lines at either end.</summary>
    public string Markdown(IEnumerable<int> numbers)
    {
        var kept = numbers.SkipWhile(IsBlank).Reverse().SkipWhile(IsBlank).Reverse();
        return string.Join('\n', kept.Select(Raw));
    }
}
