using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>What a command of the server printed and returned.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Every line printed on standard output.</summary>
    public string[] OutputLines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}

/// <summary>Runs the built server as a process (<c>dotnet Summit.Graph.dll ARGS</c>), as an operator does.</summary>
public static class ServerProcess
{
    /// <summary>Runs one command on the database folder <paramref name="dataDirectory"/>, with the logger set to warnings.</summary>
    public static async Task<ProcessRun> RunAsync(string dataDirectory, params string[] args)
    {
        // The server's build output sits beside the test's: same configuration, same target framework.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var server = RepositoryFiles.PathOf(Path.Combine("src", "Summit.Graph", "bin", testOutput.Parent!.Name, testOutput.Name));
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

        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, await output, await error);
    }
}
