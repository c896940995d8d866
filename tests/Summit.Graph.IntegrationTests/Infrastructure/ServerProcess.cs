using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the built server as a process (<c>dotnet Summit.Graph.dll COMMAND ...</c>), as an operator does, with its
/// database in <c>FOLDER/data</c> and only warnings logged.
/// </summary>
public static class ServerProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, params string[] args)
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
