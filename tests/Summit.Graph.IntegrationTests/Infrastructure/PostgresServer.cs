using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 of a test's own (what <c>.ci/postgres.sh</c> does, from C#), on a free loopback
/// port, that the test may stop and start again: for outages. Needs root (initdb runs as <c>postgres</c>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string folder = Path.Combine("/tmp", "summit-pg-" + Guid.NewGuid().ToString("N"));
    private int port;

    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=summit_outage;Timeout=3;Command Timeout=10";

    public async Task InitializeAsync()
    {
        await MachinePackages.EnsureAsync(Path.Combine(Bin, "pg_ctl"), "postgresql-15");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Directory.CreateDirectory(folder);
        await RunAsync("chown", "postgres", folder);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", Path.Combine(folder, "data"),
            "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await StartAsync();
    }

    public Task StartAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"),
        "-l", Path.Combine(folder, "log"), "-w", "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>Stops the server the fast way: open connections are cut, as when a database host goes away.</summary>
    public Task StopAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "stop");

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var run = await ProcessRun.RunAsync(start, TimeSpan.FromSeconds(60));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({run.ExitCode}): {run.Output} {run.Error}");
        }
    }
}
