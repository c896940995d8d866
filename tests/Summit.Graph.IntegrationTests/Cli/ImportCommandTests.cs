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
    private const string DatesRead = "  line 19: info: The edition's dates, 2021-02-09 to 2021-02-10, are read from 'February 9 and 10, 2021' on this line.";
    private const string WelcomeSpeakerInferred = "  line 58: info: Presenter 'Fabian Deutsch' was inferred from the abstract's prose; the section has no Presenter line.";

    private readonly string folder = Directory.CreateTempSubdirectory("summit-graph-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ImportReportsLayoutTotalsAndRowsChangedPerPage()
    {
        var bundled = await WritePageAsync("bundled.md", EditedPage.Bundled);
        var edited = await WritePageAsync("edited.md", EditedPage.WithFiveEdits());

        var run = await RunAsync("import", bundled, edited, "--allow-removals");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{bundled}: kubevirt-summit-2021 (layout 2021): {Totals}; 0 rows added, changed or removed.",
                DatesRead,
                WelcomeSpeakerInferred,
                $"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed.",
                DatesRead,
                WelcomeSpeakerInferred,
                SlidesRemoved("removed"),
            ],
            run.OutputLines);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task MissingFileExitsWithOneAfterImportingTheOthers()
    {
        var missing = Path.Combine(folder, "missing.md");
        var edited = await WritePageAsync("edited.md", EditedPage.WithFiveEdits());

        var run = await RunAsync("import", missing, edited, "--allow-removals");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{missing}: no such file.", run.Error.Trim());
        Assert.Equal([$"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed.", DatesRead, WelcomeSpeakerInferred, SlidesRemoved("removed")], run.OutputLines);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import --no-such-option page.md")]
    [InlineData("export --output page.md")]
    [InlineData("export --event kubevirt-summit-2021 --layout 2023")]
    [InlineData("keys create --name x --role admin")]
    [InlineData("keys rotate")]
    [InlineData("improt page.md")]
    public async Task MistypedCommandExitsWithTwoNamesTheMistakeAndTouchesNoDatabase(string commandLine)
    {
        var run = await RunAsync(commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Matches("^Run 'Summit.Graph( [a-z]+)* --help' for usage.$", run.Error.Trim().Split('\n')[^1]);
        Assert.False(File.Exists(Path.Combine(folder, "data", "summit.db")), "The usage error touched the database.");
    }

    [Theory]
    [InlineData("--help", "import")]
    [InlineData("import --help", "PATH")]
    [InlineData("export -h", "--event")]
    [InlineData("keys --help", "revoke")]
    [InlineData("keys create --help", "--role")]
    public async Task EveryCommandAnswersHelpWithoutTouchingTheDatabase(string commandLine, string mentioned)
    {
        var run = await RunAsync(commandLine.Split(' '));

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains(mentioned, run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "data", "summit.db")), "Help touched the database.");
    }

    /// <summary>
    /// As the README shows it: <c>dotnet run</c> from another folder, relative paths, and a configuration switch
    /// among the command's own tokens.
    /// </summary>
    [Fact]
    public async Task DotnetRunTakesRelativePathsFromTheFolderItIsTypedInAndSwitchesAnywhere()
    {
        await WritePageAsync("edited.md", EditedPage.WithFiveEdits());
        var project = RepositoryFiles.PathOf(Path.Combine("src", "Summit.Graph"));
        var configuration = new DirectoryInfo(ServerProcess.Folder).Parent!.Name;
        Task<ProcessRun> DotnetRunAsync(params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = folder };
            foreach (var arg in new[] { "run", "--no-build", "-c", configuration, "--project", project, "--" }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            return ProcessRun.RunAsync(start, TimeSpan.FromMinutes(1));
        }

        var imported = await DotnetRunAsync("import", "edited.md", "--allow-removals", $"--Database:DataDirectory={Path.Combine(folder, "data")}", "--Logging:LogLevel:Default", "Warning");
        var exported = await DotnetRunAsync("--Database:DataDirectory", Path.Combine(folder, "data"), "export", "--output", "exported.md", "--event", "kubevirt-summit-2021");

        Assert.Equal((0, ""), (imported.ExitCode, imported.Error));
        Assert.Equal($"edited.md: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed.", imported.OutputLines[0]);
        Assert.True(File.Exists(Path.Combine(folder, "data", "summit.db")), "The database is not in the folder the switch names.");
        Assert.Equal((0, "Wrote KubeVirt Summit 2021 (20 sessions) to exported.md."), (exported.ExitCode, exported.Error.Trim()));
        Assert.StartsWith("---", await File.ReadAllTextAsync(Path.Combine(folder, "exported.md")), StringComparison.Ordinal);
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
                "  line 16: info: The edition's dates, 2027-03-03 to 2027-03-04, are read from 'March 3 and 4, 2027' on this line; confirmed by line 8 and the day headings.",
                "  line 19: warning: Line is not part of any content the table-with-speakers layout reads; it was not imported.",
                "    | ## Register",
            ],
            lines[1..4]);
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

    [Fact]
    public async Task ImportThatWouldRemoveContentStopsAndWritesNothingUnlessAskedTo()
    {
        var edited = await WritePageAsync("edited.md", EditedPage.WithFiveEdits());

        var dryRun = await RunAsync("import", "--dry-run", edited);
        var stopped = await RunAsync("import", edited);
        var stoppedAgain = await RunAsync("import", edited);
        var allowed = await RunAsync("import", edited, "--allow-removals");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal($"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed (dry run: nothing written).", dryRun.OutputLines[0]);
        Assert.Contains("  change: session 'Volume Hotplug in KubeVirt, revisited': title, programmeTitle changed", dryRun.OutputLines);
        Assert.Contains("  change: session 'Harvester: an OSS HCI solution built on Kubernetes and KubeVirt': links changed", dryRun.OutputLines);
        Assert.Contains(SlidesRemoved("would remove"), dryRun.OutputLines);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Equal($"{edited}: kubevirt-summit-2021 (layout 2021): {Totals}; 7 rows added, changed or removed (stopped: nothing written).", stopped.OutputLines[0]);
        Assert.Equal(SlidesRemoved("would remove"), stopped.OutputLines[^1]);
        Assert.StartsWith($"{edited}: the import would remove 1 pieces of content (listed above) and was stopped; nothing was written.", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(stopped.Output, stoppedAgain.Output);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(SlidesRemoved("removed"), allowed.OutputLines[^1]);
    }

    private static string SlidesRemoved(string verb) =>
        $"  {verb}: the slides link https://drive.google.com/file/d/1baGeO-iPsI2HPzS8pq1b4My3hRQDSfw5/view?usp=sharing of 'Automating KubeVirt with Tekton Pipelines'";

    private async Task<string> WritePageAsync(string name, string markdown)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, markdown);
        return path;
    }

    private Task<ProcessRun> RunAsync(params string[] args) => ServerProcess.RunAsync(Path.Combine(folder, "data"), args);
}
