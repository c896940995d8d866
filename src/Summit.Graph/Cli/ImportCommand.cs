using System.CommandLine;
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
                foreach (var line in ImportReport.Lines(path, page, summary, dryRun))
                {
                    Console.WriteLine(line);
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
