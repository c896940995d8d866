using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Summit.Graph.Data;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// While armed, reads the stored content versions inside every transaction just before it commits: what each commit
/// makes durable together with its change. A version raised after the commit instead (a separate statement) is never
/// seen here.
/// </summary>
public sealed class CommitProbe : DbTransactionInterceptor
{
    private readonly ConcurrentQueue<(long Version, long PublicVersion)> seen = new();
    private volatile bool armed;

    public void Arm()
    {
        seen.Clear();
        armed = true;
    }

    /// <summary>Stops reading; returns what every commit since <see cref="Arm"/> held.</summary>
    public IReadOnlyList<(long Version, long PublicVersion)> Disarm()
    {
        armed = false;
        return [.. seen];
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (armed && eventData.Context is SummitDbContext db)
        {
            seen.Enqueue(await ContentVersionStore.ReadAsync(db, cancellationToken));
        }

        return result;
    }
}
