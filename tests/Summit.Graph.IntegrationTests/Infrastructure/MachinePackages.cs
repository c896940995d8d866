using System.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// Programs from Debian's packages that some tests drive (PostgreSQL, redis-server). A fresh machine of this
/// project's kind lacks them: as root with apt-get, the test installs the package itself, so `dotnet test`
/// needs nothing started or installed by hand; elsewhere it fails saying what to install.
/// </summary>
public static class MachinePackages
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static async Task<string> EnsureAsync(string program, string debianPackage)
    {
        if (File.Exists(program))
        {
            return program;
        }

        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(program) && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
            {
                await RunAsync("apt-get", "update", "-qq");
                await RunAsync("apt-get", "install", "-y", "-qq", debianPackage);
            }
        }
        finally
        {
            Installing.Release();
        }

        Assert.True(File.Exists(program), $"{program} is missing: install it with 'sudo apt-get install -y {debianPackage}' (.ci/run does).");
        return program;
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        _ = await output;
        _ = await error;
    }
}
