using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Tests.Content;

namespace Summit.Graph.IntegrationTests.Cli;

/// <summary>
/// Runs the built server as a process (<c>dotnet Summit.Graph.dll import PATH...</c>), as an operator does,
/// on a database folder of its own.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string Totals = "2 days, 20 slots, 20 sessions, 26 people, 43 links";
    private const string WelcomeSpeakerInferred = "  line 58: info: Presenter 'Fabian Deutsch' was inferred from the abstract's prose; the section has no Presenter line.";

    private readonly string folder = Directory.CreateTempSubdirectory("summit-graph-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ImportReportsLayoutTotalsAndRowsChangedPerPage()
    {
        var bundled = await WritePageAsync("bundled.md", EditedPage.Bundled);
        var edited = await WritePageAsync("edited.md", EditedPage.WithFiveEdits());

        var run = await RunAsync("import", bundled, edited);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{bundled}: kubevirt-summit-2021 (layout 2021): {Totals}; 0 rows added, changed or removed.",
                WelcomeSpeakerInferred,
                $"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed.",
                WelcomeSpeakerInferred,
            ],
            run.OutputLines);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task MissingFileExitsWithOneAfterImportingTheOthers()
    {
        var missing = Path.Combine(folder, "missing.md");
        var edited = await WritePageAsync("edited.md", EditedPage.WithFiveEdits());

        var run = await RunAsync("import", missing, edited);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{missing}: no such file.", run.Error.Trim());
        Assert.Equal([$"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed.", WelcomeSpeakerInferred], run.OutputLines);
    }

    [Fact]
    public async Task ImportWithoutAPathExitsWithTwoAndPrintsUsage()
    {
        var run = await RunAsync("import");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Usage: import PATH... (summit pages in Markdown)", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "data", "summit.db")), "The usage error touched the database.");
    }

    [Fact]
    public async Task ImportOfOtherLayoutsReportsEveryLineItCouldNotPlace()
    {
        var samples = Path.Combine("tests", "Summit.Graph.Tests", "Content", "Pages");
        var table = RepositoryFiles.PathOf(Path.Combine(samples, "table-with-speakers.md"));
        var inline = RepositoryFiles.PathOf(Path.Combine(samples, "inline-day-sections.md"));

        var run = await RunAsync("import", table, inline);

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Equal($"{table}: kubevirt-summit-2027 (layout table-with-speakers): 2 days, 10 slots, 10 sessions, 10 people, 0 links; 49 rows added, changed or removed.", lines[0]);
        Assert.Equal(
            [
                "  line 19: warning: Line is not part of any content the table-with-speakers layout reads; it was not imported.",
                "    | ## Register",
            ],
            lines[1..3]);
        Assert.Contains("    | - [Register for Day 2](https://community.example.org/events/summit-2027-day-2/)", lines);
        Assert.Contains($"{inline}: kubevirt-summit-2028 (layout inline-day-sections): 2 days, 7 slots, 7 sessions, 7 people, 0 links; 28 rows added, changed or removed.", lines);
        Assert.Contains("  line 56: info: 2028-04-13 starts at 12:00 UTC, not at the daily 13:00 the page gives.", lines);
    }

    [Fact]
    public async Task ExportWritesTheBundledEditionBackAsItsPage()
    {
        var output = Path.Combine(folder, "exported.md");

        var run = await RunAsync("export", "--event", "kubevirt-summit-2021", "--layout", "2021", "--output", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Wrote KubeVirt Summit 2021 (20 sessions) to {output}.", run.Error.Trim());
        Assert.Equal(ContentComparison.NormalisedWhitespace(EditedPage.Bundled), ContentComparison.NormalisedWhitespace(await File.ReadAllTextAsync(output)));
    }

    [Fact]
    public async Task ExportOfAnUnknownEventExitsWithOne()
    {
        var run = await RunAsync("export", "--event", "no-such-summit");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("No event has the slug 'no-such-summit'.", run.Error.Trim());
        Assert.Equal("", run.Output);
    }

    private async Task<string> WritePageAsync(string name, string markdown)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, markdown);
        return path;
    }

    private Task<ProcessRun> RunAsync(params string[] args) => ServerProcess.RunAsync(Path.Combine(folder, "data"), args);
}
