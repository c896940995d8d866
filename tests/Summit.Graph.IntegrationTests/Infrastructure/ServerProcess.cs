using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>What a process printed and returned.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Every line printed on standard output.</summary>
    public string[] OutputLines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Runs <paramref name="start"/> to its end, collecting what it prints; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
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
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} ran longer than {timeout.TotalSeconds:F0} s. Output: {await output} {await error}");
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }
}

/// <summary>Runs the built server as a process (<c>dotnet Summit.Graph.dll ARGS</c>), as an operator does.</summary>
public static class ServerProcess
{
    /// <summary>The server's build output, beside the test's: same configuration, same target framework.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Runs one command on the database folder <paramref name="dataDirectory"/>, with the logger set to warnings.</summary>
    public static Task<ProcessRun> RunAsync(string dataDirectory, params string[] args) =>
        ProcessRun.RunAsync(StartInfo(dataDirectory, args), TimeSpan.FromMinutes(1));

    /// <summary>How to start the server on the database folder <paramref name="dataDirectory"/>, with the logger set to warnings.</summary>
    public static ProcessStartInfo StartInfo(string dataDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(Folder, "Summit.Graph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    private static string FindFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepositoryFiles.PathOf(Path.Combine("src", "Summit.Graph", "bin", testOutput.Parent!.Name, testOutput.Name));
    }
}
