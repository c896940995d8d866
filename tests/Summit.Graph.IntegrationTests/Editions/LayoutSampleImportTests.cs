using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit;
using Summit.Graph.Cli;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Content.Writing;
using Summit.Graph.Data;
using Summit.Graph.Data.Export;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Tests.Content;

namespace Summit.Graph.IntegrationTests.Editions;

/// <summary>
/// Every layout sample of <c>shared/layouts/</c> (copied to the unit tests' pages) imported into a database: the report and
/// the whole stored edition snapshotted, alone and after every other page of the same edition, and exported pages
/// importing back to the same content.
/// </summary>
public sealed class LayoutSampleImportTests : IDisposable
{
    private static readonly string[] Samples =
        ["table-with-speakers", "inline-day-sections", "prose-dates-only", "bold-italic-times", "bold-time-no-speakers", "schedule-only", "announced-no-schedule"];

    private readonly SummitServer server = new();

    public void Dispose() => server.Dispose();

    public static TheoryData<string> EachSample => new(Samples);

    /// <summary>Each sample after another of the same edition (the same slug): earlier stages, or another page written for it.</summary>
    public static TheoryData<string, string> SameEditionPairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (var (earlier, later) in from earlier in Samples
                                             from later in Samples
                                             where earlier != later && SlugOf(earlier) == SlugOf(later)
                                             select (earlier, later))
            {
                pairs.Add(earlier, later);
            }

            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(EachSample))]
    public async Task SampleImportsWithItsWholeContentAndReport(string name)
    {
        var page = Read(Sample(name));

        var summary = await ImportAsync(page.Event, name);
        var stored = await ExportAsync(page.Event.Slug);

        Assert.True(summary.Written);
        Snapshot.Match(new { Report = ImportReport.Lines($"{name}.md", page, summary, dryRun: false), Stored = stored }, SnapshotNameExtension.Create(name));
    }

    [Theory]
    [MemberData(nameof(SameEditionPairs))]
    public async Task SampleAfterAnotherPageOfItsEditionHoldsExactlyItsOwnContent(string earlier, string later)
    {
        await ImportAsync(Read(Sample(earlier)).Event, earlier);
        var page = Read(Sample(later));

        var summary = await ImportAsync(page.Event, later);
        var stored = await ExportAsync(page.Event.Slug);

        Assert.True(summary.Written);
        Assert.Equal(ContentComparison.WithoutLineNumbers(page.Event), ContentComparison.WithoutLineNumbers(stored));
    }

    [Theory]
    [MemberData(nameof(EachSample))]
    public async Task ExportedSampleImportsBackAsTheSameEdition(string name)
    {
        var page = Read(Sample(name));
        await ImportAsync(page.Event, name);
        var exported = ProgrammePageWriter.Write(await ExportAsync(page.Event.Slug));

        var again = await ImportAsync(Read(exported).Event, $"{name}-exported");

        Assert.Equal(0, again.RowsChanged);
        Assert.Equal(ContentComparison.WithoutLineNumbers(page.Event), ContentComparison.WithoutLineNumbers(await ExportAsync(page.Event.Slug)));
    }

    private static string SlugOf(string name) => new PageReader().Read(Sample(name)).Event.Slug;

    private static string Sample(string name) => RepositoryFiles.LayoutSample(name);

    private PageReadResult Read(string markdown) => server.Services.GetRequiredService<PageReader>().Read(markdown);

    private Task<ImportSummary> ImportAsync(EventContent content, string name) =>
        server.Services.ImportAsync(content, new ImportOptions($"{name}.md") { AllowRemovals = true });

    private async Task<EventContent> ExportAsync(string slug)
    {
        await using var db = server.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext(includeDrafts: false);
        return await new ProgrammeExporter(db).LoadAsync(slug) ?? throw new InvalidOperationException($"No event {slug}.");
    }
}
