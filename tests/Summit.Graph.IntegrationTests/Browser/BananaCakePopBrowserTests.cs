using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Browser;

/// <summary>
/// Banana Cake Pop in a real browser: headless Chromium (Debian's <c>chromium</c>) driven by playwright-core;
/// skipped where no Chromium is installed unless the browser is required (see <see cref="BrowserFactAttribute"/>).
/// </summary>
[Collection(RunningServerCollection.Name)]
public sealed class BananaCakePopBrowserTests(RunningServer server)
{
    [BrowserFact]
    public async Task IdeLoadsTheSchemaAndRunsAScheduleQuery()
    {
        Assert.True(File.Exists(BrowserFactAttribute.Chromium),
            $"{BrowserFactAttribute.Chromium} is missing and {BrowserFactAttribute.RequireVariable}=1 requires the browser test: apt-get install -y chromium.");
        var screenshot = NodeScript.ArtefactPath("ide.png");

        var run = await NodeScript.RunAsync("ide.mjs", TimeSpan.FromMinutes(6), server.Endpoint, screenshot);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}\nScreenshot: {screenshot}");
        Assert.True(File.Exists(screenshot));
        // The README's picture is refreshed on request, so ordinary runs leave the working tree clean.
        if (Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOT") == "1")
        {
            File.Copy(screenshot, RepositoryFiles.PathOf(Path.Combine("docs", "ide.png")), overwrite: true);
        }
    }
}
