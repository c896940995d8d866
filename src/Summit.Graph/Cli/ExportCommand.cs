using System.CommandLine;
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
    public static Command Create(Func<WebApplication> app)
    {
        var slug = new Option<string>("--event") { Description = "The slug of the edition, for example kubevirt-summit-2021.", Required = true };
        var layout = new Option<string>("--layout")
        {
            Description = "The page layout to write.",
            DefaultValueFactory = _ => ProgrammePageWriter.Layout,
        };
        layout.AcceptOnlyFromAmong(ProgrammePageWriter.Layout);
        var output = new Option<string?>("--output") { Description = "The file to write, relative to the current folder; standard output when left out." };
        var command = new Command("export", "Writes a stored edition back as a summit page. Drafts are never exported.") { slug, layout, output };
        command.SetAction((result, cancellationToken) => RunAsync(app(), result.GetRequiredValue(slug), result.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, string slug, string? output, CancellationToken cancellationToken)
    {
        await app.PrepareDatabaseAsync();
        await using var db = app.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext(includeDrafts: false);
        var content = await new ProgrammeExporter(db).LoadAsync(slug, cancellationToken);
        if (content is null)
        {
            await Console.Error.WriteLineAsync($"No event has the slug '{slug}'.");
            return 1;
        }

        var page = ProgrammePageWriter.Write(content);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, page, cancellationToken);
            await Console.Error.WriteLineAsync($"Wrote {content.Name} ({content.Sessions.Count} sessions) to {output}.");
        }
        else
        {
            await Console.Out.WriteAsync(page);
        }

        return 0;
    }
}
