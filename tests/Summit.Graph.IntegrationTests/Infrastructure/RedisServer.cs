using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port, for the tests of several server instances.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var program = await MachinePackages.EnsureAsync("/usr/bin/redis-server", "redis-server");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port}";
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

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }
}
