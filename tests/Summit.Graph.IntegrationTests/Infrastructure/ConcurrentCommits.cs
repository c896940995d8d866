using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// Plays another writer at the one moment a race can hit: after a transaction's checks, just before its save. Armed with
/// <see cref="BeforeNextSaveOf"/>, it runs the other writer's action once (a commit, or the start of a second mutation),
/// before the next save that writes a row of the given entity type, then lets that save go on.
/// </summary>
public sealed class ConcurrentCommits : SaveChangesInterceptor
{
    private (Type Entity, Func<Task> Commit)? armed;

    /// <summary>Whether the armed commit ran.</summary>
    public bool Ran { get; private set; }

    public void BeforeNextSaveOf(Type entity, Func<Task> commit)
    {
        Ran = false;
        armed = (entity, commit);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (armed is { } pending
            && eventData.Context is { } context
            && context.ChangeTracker.Entries().Any(e => e.Entity.GetType() == pending.Entity && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            // Disarmed first: the commit's own save comes through here too.
            armed = null;
            await pending.Commit();
            Ran = true;
        }

        return result;
    }
}
