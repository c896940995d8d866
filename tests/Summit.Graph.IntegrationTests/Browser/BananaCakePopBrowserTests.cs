using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Browser;

/// <summary>
/// Banana Cake Pop in a real browser: headless Chromium (Debian's <c>chromium</c>) driven by playwright-core.
/// Chromium is installed by the test when missing (see <see cref="MachinePackages"/>).
/// </summary>
[Collection(RunningServerCollection.Name)]
public sealed class BananaCakePopBrowserTests(RunningServer server)
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    [Fact]
    public async Task IdeLoadsTheSchemaAndRunsAScheduleQuery()
    {
        await MachinePackages.EnsureAsync(Chromium, "chromium");
        var screenshot = NodeScript.ArtefactPath("ide.png");

        var run = await NodeScript.RunAsync("ide.mjs", TimeSpan.FromMinutes(2), server.Endpoint, screenshot);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}\nScreenshot: {screenshot}");
        Assert.True(File.Exists(screenshot));
        // The README's picture is refreshed on request, so ordinary runs leave the working tree clean.
        if (Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOT") == "1")
        {
            File.Copy(screenshot, RepositoryFiles.PathOf(Path.Combine("docs", "ide.png")), overwrite: true);
        }
    }
}
