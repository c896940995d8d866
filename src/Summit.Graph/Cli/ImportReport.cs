using Summit.Graph.Content.Model;
using Summit.Graph.Data.Import;

namespace Summit.Graph.Cli;

/// <summary>
/// What <c>import</c> prints for one page: the layout, the edition's size and the rows written, then every line
/// the reader reported (a line it could not place with the line as written under it), the changes of a dry run,
/// notes, likely duplicates, and the content removed or that would have been.
/// </summary>
public static class ImportReport
{
    public static IEnumerable<string> Lines(string path, PageReadResult page, ImportSummary summary, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(summary);
        var outcome = summary.Written ? "" : dryRun ? " (dry run: nothing written)" : " (stopped: nothing written)";
        yield return $"{path}: {summary.EventSlug} (layout {page.Layout}): {summary.Days} days, {summary.Slots} slots, {summary.Sessions} sessions, "
            + $"{summary.People} people, {summary.Links} links; {summary.RowsChanged} rows added, changed or removed{outcome}.";
        foreach (var diagnostic in page.Diagnostics)
        {
            yield return $"  line {diagnostic.Line}: {diagnostic.Severity.ToString().ToLowerInvariant()}: {diagnostic.Message}";
            if (diagnostic.Severity == DiagnosticSeverity.Warning)
            {
                // What was not imported, as the page writes it, so it can be found and fixed there.
                yield return $"    | {diagnostic.Text}";
            }
        }

        foreach (var change in dryRun ? summary.Changes : [])
        {
            yield return $"  change: {change}";
        }

        foreach (var note in summary.Notes)
        {
            yield return $"  note: {note}";
        }

        foreach (var duplicate in summary.LikelyDuplicates)
        {
            yield return $"  likely duplicate: {duplicate}";
        }

        foreach (var removal in summary.Removals)
        {
            yield return $"  {(summary.Written ? "removed" : "would remove")}: {removal}";
        }
    }
}
