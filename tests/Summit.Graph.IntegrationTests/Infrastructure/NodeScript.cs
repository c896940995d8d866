using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a script of <c>Node/</c> (its npm packages are installed by this project's build) and returns
/// what it printed. Node is a prerequisite of the build already: it fetches the IDE.
/// </summary>
public static class NodeScript
{
    public static string Folder { get; } = RepositoryFiles.PathOf(Path.Combine("tests", "Summit.Graph.IntegrationTests", "Node"));

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} ran longer than {timeout.TotalSeconds:F0} s. Output: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The artefact folder of this run (ignored by Git; CI keeps it).</summary>
    public static string ArtefactPath(string name)
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("TestResults", "artefacts"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
