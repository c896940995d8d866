using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a script of <c>Node/</c> (its npm packages are installed by this project's build) and returns
/// what it printed. Node is a prerequisite of the build already: it fetches the IDE.
/// </summary>
public static class NodeScript
{
    public static string Folder { get; } = RepositoryFiles.PathOf(Path.Combine("tests", "Summit.Graph.IntegrationTests", "Node"));

    public static Task<ProcessRun> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ProcessRun.RunAsync(start, timeout);
    }

    /// <summary>The artefact folder of this run (ignored by Git; CI keeps it).</summary>
    public static string ArtefactPath(string name)
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("TestResults", "artefacts"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
