namespace Summit.Graph.Content.Reading;

/// <summary>The Jekyll front matter of a page: the <c>key: value</c> lines between the two <c>---</c> lines.</summary>
public sealed class FrontMatter
{
    private const string Fence = "---";

    private readonly Dictionary<string, string> values;

    private FrontMatter(Dictionary<string, string> values, int lastLine)
    {
        this.values = values;
        LastLine = lastLine;
    }

    /// <summary>The closing fence's line number, or 0 when the page has no front matter.</summary>
    public int LastLine { get; }

    public string? this[string key] => values.GetValueOrDefault(key);

    internal static FrontMatter Read(PageText page)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (page.LineCount == 0 || page.Line(1) != Fence)
        {
            return new FrontMatter(values, 0);
        }

        for (var number = 2; number <= page.LineCount; number++)
        {
            var line = page.Line(number);
            if (line == Fence)
            {
                return new FrontMatter(values, number);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = Unquote(line[(colon + 1)..].Trim());
            }
        }

        // An opening fence that is never closed is ordinary text, as Jekyll treats it.
        return new FrontMatter(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), 0);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]
            ? value[1..^1]
            : value;
}
