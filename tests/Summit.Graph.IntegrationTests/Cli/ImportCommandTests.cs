using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;

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
                $"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 6 rows added, changed or removed.",
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
        Assert.Equal([$"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 6 rows added, changed or removed.", WelcomeSpeakerInferred], run.OutputLines);
    }

    [Fact]
    public async Task ImportWithoutAPathExitsWithTwoAndPrintsUsage()
    {
        var run = await RunAsync("import");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Usage: import PATH... (summit pages in Markdown)", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "data", "summit.db")), "The usage error touched the database.");
    }

    private async Task<string> WritePageAsync(string name, string markdown)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, markdown);
        return path;
    }

    private Task<ProcessRun> RunAsync(params string[] args) => ServerProcess.RunAsync(Path.Combine(folder, "data"), args);
}
