using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.Data.Webhooks;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.GraphQL.Webhooks;
using Summit.Graph.Live;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>
/// Runs one mutation as one database transaction, one such transaction at a time (<see cref="ContentWriteLock"/>): the
/// change and its revisions are saved together or not at all, and rules that span rows hold. Version checks use the
/// version the editor started from, so two editors saving at once never silently overwrite each other. The webhook
/// events of what anonymous readers see change are queued, and the content version raised (<see cref="ContentVersionStore"/>),
/// in the same transaction; after the commit it reports what changed to the <see cref="ContentChangeNotifier"/>.
/// </summary>
/// <remarks>
/// A save that fails because a writer that does not take the lock (a script, an older instance) committed after the
/// change read (a version moved on, a row it changes was removed, a unique value such as a slug was taken, a row it
/// refers to is gone) is run again from the start in a new transaction, up to <see cref="Runs"/> times: the change's own
/// checks then see the other commit and answer as they would had the two saves come one after the other (a
/// <see cref="DuplicateSlugError"/>, a <see cref="ConflictError"/> with both versions, a <see cref="NotFoundError"/>), or
/// the change applies to what is now stored. Only a save that fails on every run gives the database's refusal, as a
/// <see cref="ConflictError"/>: every mutation's error union holds that type (<see cref="MutationErrors"/>). A save the
/// database could not take because it was unreachable or locked is run again the same way, and on the last run is
/// thrown as it is, for <see cref="DatabaseErrors"/> to answer <c>DATABASE_UNAVAILABLE</c>: nobody else's change is to blame.
/// </remarks>
public sealed partial class ContentEditor(IDbContextFactory<SummitDbContext> contexts, MarkdownRenderer markdown, ContentChangeNotifier notifier, WebhookOutbox outbox, ILogger<ContentEditor> logger)
{
    /// <summary>How many times a change is run when concurrent commits keep making its save fail.</summary>
    public const int Runs = 3;

    /// <summary>Runs <paramref name="change"/> and saves it; throws a <see cref="ContentException"/> with the expected failures.</summary>
    public async Task<T> RunAsync<T>(string author, Func<EditScope, Task<T>> change, CancellationToken cancellationToken)
    {
        for (var run = 1; ; run++)
        {
            try
            {
                return await RunOnceAsync(author, change, lastRun: run == Runs, cancellationToken);
            }
            catch (DbUpdateException exception) when (run < Runs)
            {
                LogRunAgain(logger, exception, run, Runs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This mutation's save failed (run {Run} of {Runs}): a change saved at the same moment refused it, or the database could not take it; running it again.")]
    private static partial void LogRunAgain(ILogger logger, Exception exception, int run, int runs);

    private async Task<T> RunOnceAsync<T>(string author, Func<EditScope, Task<T>> change, bool lastRun, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(includeDrafts: true);
        var scope = new EditScope(db, author, markdown);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ContentWriteLock.AcquireAsync(db, cancellationToken);
        T result;
        IReadOnlyCollection<EditionChange> described;
        var committed = default(ContentVersions);
        try
        {
            result = await change(scope);
            await db.SaveChangesAsync(cancellationToken);
            scope.WriteRevisions();
            await db.SaveChangesAsync(cancellationToken);
            (described, var events) = await DescribeAsync(scope, cancellationToken);
            await outbox.AddAsync(db, events, cancellationToken);
            if (described.Count > 0)
            {
                var (all, onlyPublic) = await ContentVersionStore.RaiseAsync(db, isPublic: described.Any(change => change.Public), cancellationToken);
                committed = new ContentVersions(all, onlyPublic);
            }
        }
        catch (DbUpdateException exception) when (lastRun && !DatabaseErrors.IsUnavailable(exception))
        {
            var entry = exception.Entries.FirstOrDefault(e => e.Entity is IVersioned) ?? (exception.Entries.Count > 0 ? exception.Entries[0] : null);
            var (typeName, id) = entry is null ? ("object", 0) : GraphIdentityOf(entry);
            if (exception is DbUpdateConcurrencyException && entry?.Entity is IVersioned)
            {
                var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
                throw new ContentException(ConflictError.For(
                    typeName,
                    id,
                    entry.Property(nameof(IVersioned.Version)).OriginalValue is int original ? original : 0,
                    stored?.GetValue<int>(nameof(IVersioned.Version)) ?? 0));
            }

            // A row without a version was removed, a unique value (such as a slug) was taken, or a row this one refers
            // to was removed.
            throw new ContentException(new ConflictError(
                $"The {typeName} could not be saved: a change saved at the same moment removed it, took one of its values (such as its slug) or removed something it refers to. Reload and try again.",
                GlobalId.Encode(typeName, id), 0, 0));
        }

        await transaction.CommitAsync(cancellationToken);
        await notifier.PublishAsync(described, committed);
        return result;
    }

    /// <summary>
    /// The GraphQL type and key of a tracked row, as its global ID carries them (<c>Presenter</c>, <c>Webhook</c>), so an
    /// error's ID is one that <c>node</c> and the mutations accept; a row without a GraphQL type of its own keeps its
    /// entity's name. The key is 0 for a row not yet saved (its key is EF Core's temporary one) or without an integer <c>Id</c>.
    /// </summary>
    private static (string TypeName, int Id) GraphIdentityOf(EntityEntry entry) => (
        GraphTypeNames.TryGetValue(entry.Metadata.ClrType, out var name) ? name : entry.Metadata.ClrType.Name,
        entry.Metadata.FindProperty("Id") is { } key && entry.Property(key.Name) is { IsTemporary: false, CurrentValue: int id } ? id : 0);

    private static readonly FrozenDictionary<Type, string> GraphTypeNames = EntityModels.All(typeof(ContentEditor).Assembly)
        .Select(model => KeyValuePair.Create(model.EntityType, model.GraphTypeName))
        .Append(KeyValuePair.Create(typeof(WebhookEndpoint), WebhookGraphType.TypeName))
        .ToFrozenDictionary();

    /// <summary>
    /// The editions the recorded revisions touched, with the sessions among them, and whether anonymous readers
    /// could see each change; and the webhook events of the changed objects anonymous readers see or saw. People
    /// belong to no edition, so a change to a person is reported for every edition. Runs inside the transaction,
    /// which sees the change.
    /// </summary>
    private static async Task<(IReadOnlyCollection<EditionChange> Editions, IReadOnlyList<WebhookEvent> Events)> DescribeAsync(EditScope scope, CancellationToken cancellationToken)
    {
        var db = scope.Db;
        var sessionsByEvent = new Dictionary<int, List<ChangedSession>>();
        var eventIds = new HashSet<int>();
        var publicEventIds = new HashSet<int>();
        var everyEdition = false;
        var everyEditionPublic = false;
        var events = new List<(EditScope.Change Change, string Action, int? EditionId)>();
        foreach (var change in scope.Changes)
        {
            var (entity, previous) = (change.Entity, change.Previous);
            switch (entity)
            {
                case Session session:
                    eventIds.Add(session.EventId);
                    // A restored deletion was hidden, whatever its status.
                    var wasPublic = previous is SessionSnapshot { Status: PublicationStatus.Published } && !change.IsUndelete;
                    var isPublic = session is { Status: PublicationStatus.Published, DeletedAt: null };
                    var list = sessionsByEvent.TryGetValue(session.EventId, out var found) ? found : sessionsByEvent[session.EventId] = [];
                    list.Add(new ChangedSession(session.Slug, wasPublic || isPublic));
                    if (previous is SessionSnapshot before && before.Slug != session.Slug)
                    {
                        list.Add(new ChangedSession(before.Slug, wasPublic));
                    }

                    if (WebhookActions.Of(wasPublic, isPublic, session.DeletedAt is not null) is { } action)
                    {
                        events.Add((change, action, session.EventId));
                    }

                    break;
                case Event ev:
                    eventIds.Add(ev.Id);
                    publicEventIds.Add(ev.Id);
                    events.Add((change, change.PublicAction, ev.Id));
                    break;
                case Day day:
                    eventIds.Add(day.EventId);
                    publicEventIds.Add(day.EventId);
                    events.Add((change, change.PublicAction, day.EventId));
                    break;
                case Link { EventId: { } linkEventId }:
                    eventIds.Add(linkEventId);
                    publicEventIds.Add(linkEventId);
                    events.Add((change, change.PublicAction, linkEventId));
                    break;
                default:
                    // A slot's or a session link's edition is a row away; a person's is every edition they present in.
                    var owner = entity switch
                    {
                        Slot slot => await db.Days.Where(d => d.Id == slot.DayId).Select(d => (int?)d.EventId).FirstOrDefaultAsync(cancellationToken),
                        Link { SessionId: { } sessionId } => await db.Sessions.IgnoreQueryFilters().Where(s => s.Id == sessionId).Select(s => (int?)s.EventId).FirstOrDefaultAsync(cancellationToken),
                        _ => null,
                    };
                    var visible = await VisibleToAnonymousAsync(db, entity, previous, cancellationToken);
                    if (visible)
                    {
                        events.Add((change, change.PublicAction, owner));
                    }

                    if (owner is { } ownerId)
                    {
                        eventIds.Add(ownerId);
                        if (visible)
                        {
                            publicEventIds.Add(ownerId);
                        }
                    }
                    else
                    {
                        everyEdition = true;
                        everyEditionPublic |= visible;
                    }

                    break;
            }
        }

        var editions = await db.Events.Where(e => everyEdition || eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Slug }).ToListAsync(cancellationToken);
        var slugs = editions.ToDictionary(e => e.Id, e => e.Slug);
        return (
            [.. editions.Select(e =>
            {
                var sessions = sessionsByEvent.GetValueOrDefault(e.Id) ?? [];
                var isPublic = sessions.Any(s => s.Public) || publicEventIds.Contains(e.Id) || everyEditionPublic;
                return new EditionChange(e.Slug, sessions, isPublic, WholeProgramme: false);
            })],
            [.. events.Select(e => WebhookEvent.About(e.Change.Entity, e.Change.Type, e.Action,
                e.EditionId is { } editionId ? slugs.GetValueOrDefault(editionId) : null))]);
    }

    /// <summary>
    /// Whether anonymous readers see <paramref name="entity"/> as committed, or saw it before, by the rules of the query
    /// filters (<see cref="SummitDbContext"/>): a slot, a session's link and a person only through a published session.
    /// Moving a slot or editing a link or a person changes none of their sessions, and changes to a session
    /// (scheduling, presenters) are reported as the session's; a deleted person has left their sessions, which
    /// <paramref name="previous"/> (their snapshot) still names.
    /// </summary>
    private static async Task<bool> VisibleToAnonymousAsync(SummitDbContext db, IVersioned entity, object? previous, CancellationToken cancellationToken)
    {
        switch (entity)
        {
            case Slot slot:
                return await db.Sessions.AnyAsync(s => s.SlotId == slot.Id && s.Status == PublicationStatus.Published, cancellationToken);
            case Link { SessionId: { } sessionId }:
                return await db.Sessions.AnyAsync(s => s.Id == sessionId && s.Status == PublicationStatus.Published, cancellationToken);
            case Presenter presenter:
                List<int> former = [.. (previous as PresenterSnapshot)?.Sessions.Select(part => part.SessionId) ?? []];
                return await db.Sessions.AnyAsync(
                    s => s.Status == PublicationStatus.Published && (former.Contains(s.Id) || s.Presenters.Any(sp => sp.PresenterId == presenter.Id)), cancellationToken);
            default:
                return true;
        }
    }
}

/// <summary>What a mutation works with: a tracking context that sees drafts, and the history it writes.</summary>
public sealed class EditScope(SummitDbContext db, string author, MarkdownRenderer markdown)
{
    private readonly List<(string Type, IVersioned Entity, int Version, RevisionOperation Operation, string Fields, string? Previous)> pending = [];
    private readonly List<Change> changes = [];

    public SummitDbContext Db { get; } = db;

    public string Author { get; } = author;

    /// <summary>
    /// The rich text of <paramref name="text"/>. Input is checked by <see cref="MutationInput.Markdown"/> first;
    /// Markdown stored before the nesting limit (a revision being restored) is refused as a ValidationError on
    /// <paramref name="field"/>, like any input, not as an error of the whole request.
    /// </summary>
    public RichText Render(string text, string field)
    {
        try
        {
            var rendered = markdown.Render(text);
            return new RichText { Markdown = text, Html = rendered.Html, PlainText = rendered.PlainText };
        }
        catch (MarkdownNestingException exception)
        {
            throw new ContentException(new ValidationError(exception.Message, ["input", field]));
        }
    }

    /// <summary>
    /// Refuses the change when <paramref name="entity"/> is no longer at <paramref name="version"/>, and makes
    /// the save itself check that version, so a concurrent save between this check and the commit fails too.
    /// </summary>
    public void ExpectVersion<T>(T entity, int version, string typeName)
        where T : class, IVersioned
    {
        if (entity.Version != version)
        {
            throw new ContentException(ConflictError.For(typeName, entity.Id, version, entity.Version));
        }

        Db.Entry(entity).Property(e => e.Version).OriginalValue = version;
    }

    /// <summary>Writes a revision of <paramref name="entity"/> (its id is read after the save, for new objects).</summary>
    public void Record(string typeName, IVersioned entity, int versionBefore, RevisionOperation operation, IEnumerable<string> changedFields, object? previousContent)
    {
        changes.Add(new Change(typeName, entity, previousContent, operation, [.. changedFields]));
        pending.Add((typeName, entity, versionBefore, operation, string.Join(',', changes[^1].Fields),
            previousContent is null ? null : RevisionSnapshots.Write(previousContent)));
    }

    /// <summary>Every recorded change, in order.</summary>
    internal IReadOnlyList<Change> Changes => changes;

    /// <summary>One recorded change: the object (its type name), its content before (null for new objects), the operation and fields.</summary>
    internal sealed record Change(string Type, IVersioned Entity, object? Previous, RevisionOperation Operation, IReadOnlyList<string> Fields)
    {
        /// <summary>Whether the change brought back a deleted object (<c>restoreSession</c>), which was hidden before.</summary>
        public bool IsUndelete => Operation == RevisionOperation.Restore && Fields is ["deleted"];

        /// <summary>The webhook action of a change to an object anonymous readers see.</summary>
        public string PublicAction => Operation switch
        {
            RevisionOperation.Create => WebhookActions.Published,
            RevisionOperation.Delete => WebhookActions.Deleted,
            _ => WebhookActions.Changed,
        };
    }

    internal void WriteRevisions()
    {
        var now = DateTime.UtcNow;
        foreach (var (type, entity, version, operation, fields, previous) in pending)
        {
            Db.Revisions.Add(new Revision
            {
                EntityType = type,
                EntityId = entity.Id,
                Version = version,
                Operation = operation,
                Author = Author,
                CreatedAt = now,
                ChangedFields = fields,
                PreviousContent = previous,
            });
        }
    }
}

public static class EditScopeExtensions
{
    /// <summary>The live object with that id, tracked; a NotFoundError otherwise.</summary>
    public static async Task<T> FindAsync<T>(this EditScope scope, IQueryable<T> query, int id, string typeName, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        var entity = id == 0 ? null : await query.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entity ?? throw new ContentException(NotFoundError.For(typeName, id, typeName));
    }
}
