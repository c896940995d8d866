using System.Diagnostics;
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
            ReportLines(run.Output));
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
        Assert.Equal([$"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 6 rows added, changed or removed.", WelcomeSpeakerInferred], ReportLines(run.Output));
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

    /// <summary>Every line printed: one per page, then that page's diagnostics, indented (the logger is set to warnings).</summary>
    private static string[] ReportLines(string output) =>
        output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var server = ServerOutput.Folder;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = server,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(server, "Summit.Graph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__DataDirectory"] = Path.Combine(folder, "data");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
