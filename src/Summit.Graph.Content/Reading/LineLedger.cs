using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Keeps account of one read of a page: which lines went into content (or were recognised as
/// structure), and the diagnostics so far. Whatever is left over at the end is reported, so that
/// no line of a page is lost without a word.
/// </summary>
public sealed class LineLedger
{
    private readonly bool[] accounted;
    private readonly List<ImportDiagnostic> diagnostics = [];

    public LineLedger(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page;
        accounted = new bool[page.LineCount + 1];
    }

    public PageText Page { get; }

    public void Account(int line) => accounted[line] = true;

    public void Account(int first, int last)
    {
        for (var line = first; line <= last; line++)
        {
            accounted[line] = true;
        }
    }

    public void Info(int line, string message) =>
        diagnostics.Add(new ImportDiagnostic(line, DiagnosticSeverity.Info, message, Page.Line(line)));

    public void Warn(int line, string message) =>
        diagnostics.Add(new ImportDiagnostic(line, DiagnosticSeverity.Warning, message, Page.Line(line)));

    /// <summary>Reports every non-blank line nothing accounted for, then returns all diagnostics in line order.</summary>
    public IReadOnlyList<ImportDiagnostic> Close(string layout)
    {
        for (var line = 1; line <= Page.LineCount; line++)
        {
            if (!accounted[line] && !Page.IsBlank(line))
            {
                Warn(line, $"Line is not part of any content the {layout} layout reads; it was not imported.");
            }
        }

        return [.. diagnostics.OrderBy(diagnostic => diagnostic.Line)];
    }
}
