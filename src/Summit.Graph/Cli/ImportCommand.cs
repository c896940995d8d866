using System.CommandLine;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary><c>import PATH...</c>: reads each summit page and imports its edition, reporting what it read and wrote.</summary>
public static class ImportCommand
{
    public static Command Create(Func<WebApplication> app)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Summit pages in Markdown, one edition each; relative to the current folder.",
            Arity = ArgumentArity.OneOrMore,
        };
        var allowRemovals = new Option<bool>("--allow-removals")
        {
            Description = "Write a page even when it removes content the edition holds (abstracts, people, links, sessions); without it such an import stops and lists what it would remove.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what each page would change, and write nothing." };
        var command = new Command("import", "Imports summit pages into the database, each in one transaction: a page that cannot be read changes nothing. "
            + "Every change is a revision by 'import FILE' that editors can restore.")
        {
            paths,
            allowRemovals,
            dryRun,
        };
        command.SetAction((result, cancellationToken) => RunAsync(app(), result.GetRequiredValue(paths), result.GetValue(allowRemovals), result.GetValue(dryRun), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, string[] paths, bool allowRemovals, bool dryRun, CancellationToken cancellationToken)
    {
        await app.PrepareDatabaseAsync();
        var reader = app.Services.GetRequiredService<PageReader>();
        var exitCode = 0;
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{path}: no such file.");
                exitCode = 1;
                continue;
            }

            try
            {
                var page = reader.Read(await File.ReadAllTextAsync(path, cancellationToken));
                var options = new ImportOptions(Path.GetFileName(path)) { AllowRemovals = allowRemovals, DryRun = dryRun };
                var summary = await app.Services.ImportAsync(page.Event, options, cancellationToken);
                var outcome = summary.Written ? "" : dryRun ? " (dry run: nothing written)" : " (stopped: nothing written)";
                Console.WriteLine($"{path}: {summary.EventSlug} (layout {page.Layout}): {summary.Days} days, {summary.Slots} slots, {summary.Sessions} sessions, " +
                    $"{summary.People} people, {summary.Links} links; {summary.RowsChanged} rows added, changed or removed{outcome}.");
                foreach (var diagnostic in page.Diagnostics)
                {
                    Console.WriteLine($"  line {diagnostic.Line}: {diagnostic.Severity.ToString().ToLowerInvariant()}: {diagnostic.Message}");
                    if (diagnostic.Severity == DiagnosticSeverity.Warning)
                    {
                        // What was not imported, as the page writes it, so it can be found and fixed there.
                        Console.WriteLine($"    | {diagnostic.Text}");
                    }
                }

                foreach (var change in dryRun ? summary.Changes : [])
                {
                    Console.WriteLine($"  change: {change}");
                }

                foreach (var note in summary.Notes)
                {
                    Console.WriteLine($"  note: {note}");
                }

                foreach (var duplicate in summary.LikelyDuplicates)
                {
                    Console.WriteLine($"  likely duplicate: {duplicate}");
                }

                foreach (var removal in summary.Removals)
                {
                    Console.WriteLine($"  {(summary.Written ? "removed" : "would remove")}: {removal}");
                }

                if (!summary.Written && !dryRun)
                {
                    await Console.Error.WriteLineAsync($"{path}: the import would remove {summary.Removals.Count} pieces of content (listed above) and was stopped; "
                        + "nothing was written. Import it with --allow-removals to remove them (every removal is a revision that can be restored).");
                    exitCode = 1;
                }
            }
            catch (PageFormatException exception)
            {
                await Console.Error.WriteLineAsync($"{path}: {exception.Message}");
                exitCode = 1;
            }
        }

        return exitCode;
    }
}
