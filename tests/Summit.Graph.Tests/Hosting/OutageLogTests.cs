using Microsoft.Extensions.Logging;
using Summit.Graph.Hosting;

namespace Summit.Graph.Tests.Hosting;

/// <summary>
/// A poller's outage is logged once when it starts and once when it ends, however many attempts fail in between;
/// failures of any kind are caught, the caller's cancellation is not.
/// </summary>
public sealed class OutageLogTests
{
    private readonly RecordingLogger logger = new();

    [Fact]
    public async Task AnOutageIsLoggedWhenItStartsAndWhenItEnds()
    {
        var outage = new OutageLog(logger, "The thing could not be read ({Reason}); retrying.", "The thing can be read again.");
        var results = new List<bool>();

        results.Add(await outage.TryAsync(_ => Task.CompletedTask, CancellationToken.None));
        results.Add(await outage.TryAsync(_ => throw new InvalidOperationException("refused"), CancellationToken.None));
        results.Add(await outage.TryAsync(_ => throw new TimeoutException("slow"), CancellationToken.None));
        results.Add(await outage.TryAsync(_ => throw new InvalidOperationException("refused"), CancellationToken.None));
        var failingDuringOutage = outage.Failing;
        results.Add(await outage.TryAsync(_ => Task.CompletedTask, CancellationToken.None));
        results.Add(await outage.TryAsync(_ => Task.CompletedTask, CancellationToken.None));
        results.Add(await outage.TryAsync(_ => throw new InvalidOperationException("again"), CancellationToken.None));

        Assert.Equal([true, false, false, false, true, true, false], results);
        Assert.True(failingDuringOutage);
        Assert.True(outage.Failing);
        Assert.Equal(
            [
                (LogLevel.Warning, "The thing could not be read (refused); retrying."),
                (LogLevel.Information, "The thing can be read again."),
                (LogLevel.Warning, "The thing could not be read (again); retrying."),
            ],
            logger.Entries);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotAnOutage()
    {
        var outage = new OutageLog(logger, "The thing could not be read ({Reason}); retrying.", "The thing can be read again.");
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => outage.TryAsync(token => Task.Delay(1000, token), stopping.Token));

        Assert.False(outage.Failing);
        Assert.Empty(logger.Entries);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
