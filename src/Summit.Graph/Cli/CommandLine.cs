using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary>
/// The server's commands (<c>dotnet run --project src/Summit.Graph -- import PATH...</c>). Each runs
/// against the configured database and exits; with no command the server starts.
/// </summary>
public static class CommandLine
{
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        switch (args[0])
        {
            case "import":
                return await ImportAsync(app, args[1..]);
            case "export":
                return await ExportCommand.RunAsync(app, args[1..]);
            case "keys":
                return await KeysCommand.RunAsync(app, args[1..]);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: import PATH..., export --event SLUG, keys create|list|revoke.");
                return 2;
        }
    }

    /// <summary>The value after <paramref name="name"/> (<c>--event SLUG</c>), or null when the option is not given.</summary>
    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<int> ImportAsync(WebApplication app, string[] paths)
    {
        if (paths.Length == 0)
        {
            await Console.Error.WriteLineAsync("Usage: import PATH... (summit pages in Markdown)");
            return 2;
        }

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
                var page = reader.Read(await File.ReadAllTextAsync(path));
                var summary = await app.Services.ImportAsync(page.Event);
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
