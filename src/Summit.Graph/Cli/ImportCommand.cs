using System.CommandLine;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary><c>import PATH...</c>: reads each summit page and imports its edition, reporting what it read and wrote.</summary>
public static class ImportCommand
{
    public static Command Create(WebApplication app)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Summit pages in Markdown, one edition each; relative to the current folder.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("import", "Imports summit pages into the database, each in one transaction: a page that cannot be read changes nothing.")
        {
            paths,
        };
        command.SetAction((result, cancellationToken) => RunAsync(app, result.GetRequiredValue(paths), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, string[] paths, CancellationToken cancellationToken)
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
                var summary = await app.Services.ImportAsync(page.Event, cancellationToken);
                Console.WriteLine($"{path}: {summary.EventSlug} (layout {page.Layout}): {summary.Days} days, {summary.Slots} slots, {summary.Sessions} sessions, " +
                    $"{summary.People} people, {summary.Links} links; {summary.RowsChanged} rows added, changed or removed.");
                foreach (var diagnostic in page.Diagnostics)
                {
                    Console.WriteLine($"  line {diagnostic.Line}: {diagnostic.Severity.ToString().ToLowerInvariant()}: {diagnostic.Message}");
                    if (diagnostic.Severity == DiagnosticSeverity.Warning)
                    {
                        // What was not imported, as the page writes it, so it can be found and fixed there.
                        Console.WriteLine($"    | {diagnostic.Text}");
                    }
                }

                foreach (var note in summary.Notes)
                {
                    Console.WriteLine($"  note: {note}");
                }

                foreach (var duplicate in summary.LikelyDuplicates)
                {
                    Console.WriteLine($"  likely duplicate: {duplicate}");
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
