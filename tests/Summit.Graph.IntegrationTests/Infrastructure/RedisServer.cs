using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port, for the tests of several server instances.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? process;

    private int port;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        ConnectionString = $"127.0.0.1:{port}";
        await StartAsync();
    }

    /// <summary>Starts redis-server on the port it was given first, empty (no persistence: a restart is a flush too).</summary>
    public async Task StartAsync()
    {
        var program = await MachinePackages.EnsureAsync("/usr/bin/redis-server", "redis-server");
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("redis-server did not listen within 10 seconds.");
    }

    /// <summary>Stops redis-server without closing its connections (SIGSTOP), as a Redis that hangs: connected, never answering.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen redis-server go on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Kills redis-server, as a crash or a lost network would take it away.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
    }
}
