using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Writing;
using Summit.Graph.Data;
using Summit.Graph.Data.Export;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary>
/// <c>export --event SLUG [--layout 2021] [--output FILE]</c>: writes a stored edition back as a summit page,
/// to the file or to standard output. Drafts are never exported.
/// </summary>
public static class ExportCommand
{
    private const string Usage = "Usage: export --event SLUG [--layout 2021] [--output FILE]";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var slug = CommandLine.Option(args, "--event");
        var layout = CommandLine.Option(args, "--layout") ?? ProgrammePageWriter.Layout;
        if (slug is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (layout != ProgrammePageWriter.Layout)
        {
            await Console.Error.WriteLineAsync($"Pages are exported in the {ProgrammePageWriter.Layout} layout only, not '{layout}'.");
            return 2;
        }

        await app.PrepareDatabaseAsync();
        await using var db = app.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext(includeDrafts: false);
        var content = await new ProgrammeExporter(db).LoadAsync(slug);
        if (content is null)
        {
            await Console.Error.WriteLineAsync($"No event has the slug '{slug}'.");
            return 1;
        }

        var page = ProgrammePageWriter.Write(content);
        if (CommandLine.Option(args, "--output") is { } output)
        {
            await File.WriteAllTextAsync(output, page);
            await Console.Error.WriteLineAsync($"Wrote {content.Name} ({content.Sessions.Count} sessions) to {output}.");
        }
        else
        {
            await Console.Out.WriteAsync(page);
        }

        return 0;
    }
}
