namespace Summit.Graph.Content.Model;

public enum DiagnosticSeverity
{
    /// <summary>Content was read, but by inference (for example a presenter named only in prose).</summary>
    Info,
    /// <summary>Content could not be placed in the model; it is kept where the report says.</summary>
    Warning,
}

/// <summary>Something the reader could not place, or placed by inference, with the page line it came from.</summary>
public sealed record ImportDiagnostic(int Line, DiagnosticSeverity Severity, string Message, string Text);

/// <summary>What a reader returns for one page, and the layout (<see cref="Reading.IPageReader.Layout"/>) it was read as.</summary>
public sealed record PageReadResult(EventContent Event, IReadOnlyList<ImportDiagnostic> Diagnostics, string Layout);
