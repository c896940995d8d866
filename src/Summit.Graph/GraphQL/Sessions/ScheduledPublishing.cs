using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.Hosting;

namespace Summit.Graph.GraphQL.Sessions;

/// <summary>Section <c>Publishing</c>: how often scheduled publications are looked for.</summary>
public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>How often due <c>publishAt</c> and <c>unpublishAt</c> times are applied; a session goes live at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Applies sessions' <c>publishAt</c> and <c>unpublishAt</c> once due, as <see cref="Author"/>: each through
/// <see cref="ContentEditor"/> and the publish path of <c>publishSession</c>/<c>unpublishSession</c>, so it writes a
/// revision and fires the same webhooks, subscriptions and cache invalidation. Each change is based on the version read,
/// so with several instances polling one database exactly one applies it; the others get a conflict and leave it.
/// </summary>
public sealed class ScheduledPublisher(
    IDbContextFactory<SummitDbContext> contexts, ContentEditor editor, IOptions<PublishingOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    /// <summary>The author of the schedule's revisions.</summary>
    public const string Author = "schedule";

    /// <summary>A plain statement (<see cref="PlainStatements"/>): polling stays out of request statement counts.</summary>
    private const string AnyPlanned = "SELECT COUNT(*) FROM \"Sessions\" WHERE \"PublishAt\" IS NOT NULL OR \"UnpublishAt\" IS NOT NULL";

    private readonly OutageLog outage = new(logger, "Scheduled publications could not be applied ({Reason}); retrying.", "Scheduled publications can be applied again.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            await outage.TryAsync(ApplyDueAsync, stoppingToken);
        }
    }

    private async Task ApplyDueAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        List<(int Id, int Version)> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await PlainStatements.AnyAsync(db, AnyPlanned, cancellationToken))
            {
                return;
            }

            due = [.. (await db.Sessions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.DeletedAt == null && (s.PublishAt <= now || s.UnpublishAt <= now))
                .Select(s => new { s.Id, s.Version })
                .ToListAsync(cancellationToken)).Select(s => (s.Id, s.Version))];
        }

        foreach (var (id, version) in due)
        {
            try
            {
                await editor.RunAsync(Author, scope => SessionMutations.ApplyScheduleAsync(scope, id, version, now, cancellationToken), cancellationToken);
            }
            catch (ContentException)
            {
                // Another instance (or an editor) changed the session since it was read: it was applied, or is read again next time.
            }
        }
    }
}
