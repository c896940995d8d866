using System.Text.RegularExpressions;

namespace Summit.Graph.Content.Reading;

public sealed record MarkdownTableRow(int Line, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : string.Empty;
}

/// <summary>A pipe table: its header cells, and its body rows with their line numbers.</summary>
public sealed record MarkdownTable(int FirstLine, int LastLine, IReadOnlyList<string> Header, IReadOnlyList<MarkdownTableRow> Rows)
{
    /// <summary>Words a programme table's time column is headed with: "Time", "Time (UTC)", "UTC", "Start".</summary>
    public static readonly string[] TimeHeaders = ["Time", "UTC", "GMT", "Start"];

    /// <summary>Words a programme table's title column is headed with: "Session", "Title", "Talk".</summary>
    public static readonly string[] TitleHeaders = ["Session", "Title", "Talk"];

    /// <summary>Words a programme table's speakers column is headed with: "Speaker(s)", "Presenter(s)", "Presented by".</summary>
    public static readonly string[] SpeakerHeaders = ["Speaker", "Presenter", "Presented by"];

    /// <summary>The index of the first header cell that contains one of <paramref name="names"/>, or -1.</summary>
    public int Column(params string[] names) =>
        Header.ToList().FindIndex(cell => names.Any(name => cell.Contains(name, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>Finds the pipe tables (<c>| a | b |</c> rows under a <c>| --- | --- |</c> separator) in a range of lines.</summary>
public static partial class MarkdownTables
{
    public static IReadOnlyList<MarkdownTable> Find(PageText page, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(page);
        var tables = new List<MarkdownTable>();
        var number = first;
        while (number < last)
        {
            if (!IsRow(page.Line(number)) || !SeparatorRow().IsMatch(page.Line(number + 1)))
            {
                number++;
                continue;
            }

            var header = Cells(page.Line(number));
            var rows = new List<MarkdownTableRow>();
            var end = number + 1;
            while (end + 1 <= last && IsRow(page.Line(end + 1)))
            {
                end++;
                rows.Add(new MarkdownTableRow(end, Cells(page.Line(end))));
            }

            tables.Add(new MarkdownTable(number, end, header, rows));
            number = end + 1;
        }

        return tables;
    }

    private static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    private static List<string> Cells(string line)
    {
        var trimmed = line.Trim();
        var inner = trimmed.Length >= 2 && trimmed.EndsWith('|') ? trimmed[1..^1] : trimmed[1..];
        return [.. CellSeparator().Split(inner).Select(cell => cell.Replace("\\|", "|", StringComparison.Ordinal).Trim())];
    }

    [GeneratedRegex(@"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\z")]
    private static partial Regex SeparatorRow();

    // A pipe escaped as \| belongs to the cell's text.
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}
