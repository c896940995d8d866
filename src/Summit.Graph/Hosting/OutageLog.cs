namespace Summit.Graph.Hosting;

/// <summary>
/// Runs a background poller's attempts and logs an outage of what it reads (the database, mostly) once: a warning
/// when an attempt fails after one that did not, nothing while the next ones fail too (pollers retry every few hundred
/// milliseconds), and an information line when one succeeds again. A failure of any kind is caught, since one escaping a
/// <see cref="BackgroundService"/> would stop the host; cancellation by the caller's token is not.
/// </summary>
public sealed class OutageLog
{
    private readonly ILogger logger;
    private readonly Action<ILogger, string, Exception?> logFailed;
    private readonly Action<ILogger, Exception?> logRecovered;

    /// <param name="failedTemplate">The warning, a message template with one <c>{Reason}</c> (the exception's message).</param>
    /// <param name="recovered">The information line once an attempt succeeds again.</param>
    public OutageLog(ILogger logger, string failedTemplate, string recovered)
    {
        this.logger = logger;
        logFailed = LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1, "OutageStarted"), failedTemplate);
        logRecovered = LoggerMessage.Define(LogLevel.Information, new EventId(2, "OutageEnded"), recovered);
    }

    /// <summary>Whether the last attempt failed.</summary>
    public bool Failing { get; private set; }

    /// <summary>Runs <paramref name="attempt"/>; returns whether it succeeded.</summary>
    public async Task<bool> TryAsync(Func<CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        try
        {
            await attempt(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (!Failing)
            {
                Failing = true;
                logFailed(logger, exception.Message, null);
            }

            return false;
        }

        if (Failing)
        {
            Failing = false;
            logRecovered(logger, null);
        }

        return true;
    }
}
