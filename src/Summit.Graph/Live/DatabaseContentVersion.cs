using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data;
using Summit.Graph.Hosting;

namespace Summit.Graph.Live;

/// <summary>
/// The content version kept in the database (<see cref="Data.Entities.ContentVersion"/>), which every writer raises in
/// the transaction of its change (<see cref="ContentVersionStore.RaiseAsync"/>): mutations and imports of every instance
/// and of the command line. A server reads the one row every
/// <see cref="PollInterval"/>, so a change another process committed invalidates this server's ETags and remembered
/// counts within that time, with or without Redis. A database that cannot be reached keeps the last value read.
/// </summary>
public sealed class DatabaseContentVersion(IDbContextFactory<SummitDbContext> contexts, ILogger<DatabaseContentVersion> logger) : BackgroundService
{
    /// <summary>How often the row is read: a single-row primary-key read, well under a millisecond.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly OutageLog outage = new(logger, "The content version could not be read ({Reason}); the last one read is kept until it can be.", "The content version can be read again.");
    private long version;
    private long publicVersion;

    /// <summary>The stored count of every committed change, as last read.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>The stored count of changes anonymous readers could see, as last read.</summary>
    public long PublicVersion => Interlocked.Read(ref publicVersion);

    /// <summary>
    /// Reads the stored versions after a change this process committed (which raised them in its own transaction) or
    /// heard of through Redis, so this server's validators follow it at once instead of at the next poll. The change is
    /// committed already: a database that fails now is logged, not thrown, and the next poll reads the versions.
    /// </summary>
    public async Task RefreshAfterChangeAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning("The content version could not be read after a change ({Reason}); the next poll reads it.", exception.Message);
        }
    }

    /// <summary>
    /// Reads the stored versions now. Reads (the poll, and the read after this process's own raise) run one at a time,
    /// each reading and applying before the next starts, so a read never applies an older value after a newer one
    /// (which would change every ETag twice for one change); a later read sees at least what an earlier one saw, also
    /// when the database was restored to lower versions.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await reading.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var (all, onlyPublic) = await ContentVersionStore.ReadAsync(db, cancellationToken);
            Interlocked.Exchange(ref version, all);
            Interlocked.Exchange(ref publicVersion, onlyPublic);
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>Reads the version once before the server takes requests, so its first validators already carry it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await outage.TryAsync(RefreshAsync, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>The longest wait between reads while the database does not answer.</summary>
    public static readonly TimeSpan OutagePollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads every <see cref="PollInterval"/>; while the database does not answer, waits twice as long after each failed
    /// read, up to <see cref="OutagePollInterval"/>: each failed attempt is a connection error EF Core logs.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            // Keeps the last version read while the database cannot answer. A refused connection surfaces from EF Core's
            // retrying strategy as an InvalidOperationException, not a DbException: any failure counts.
            wait = await outage.TryAsync(RefreshAsync, stoppingToken) ? PollInterval : TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, OutagePollInterval.Ticks));
        }
    }
}
