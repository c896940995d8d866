using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Slots;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Sessions;

/// <summary>Editing sessions: texts, schedule, publication, presenters, deletion and restore.</summary>
public static class SessionMutations
{
    private const string Type = "Session";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<CreateSessionInput>("createSession", "Creates a session as a DRAFT; publish it with `publishSession`.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("session", SessionModel.Instance, "The new session.")
            .Handle(CreateAsync);

        mutations.Add<UpdateSessionInput>("updateSession", "Changes a session's texts; omitted fields stay as they are.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle(UpdateAsync);

        // Done by hand, a scheduled publication (or unpublication) has happened: the schedule would only repeat it.
        Simple<PublishSessionInput>(mutations, "publishSession", "Publishes a session: anonymous readers see it from now on. A pending `publishAt` is cleared.", RevisionOperation.Publish,
            s => (s.Status, s.PublishAt) = (PublicationStatus.Published, null), "status");
        Simple<UnpublishSessionInput>(mutations, "unpublishSession", "Turns a session back into a DRAFT, hidden from anonymous readers. A pending `unpublishAt` is cleared.", RevisionOperation.Unpublish,
            s => (s.Status, s.UnpublishAt) = (PublicationStatus.Draft, null), "status");
        Simple<UnscheduleSessionInput>(mutations, "unscheduleSession", "Takes a session out of its time slot.", RevisionOperation.Unschedule,
            s => s.SlotId = null, "slot");

        mutations.Add<ScheduleSessionInput>("scheduleSession", "Puts a session into a time slot of its edition.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The scheduled session.")
            .Handle(ScheduleAsync);

        mutations.Add<DeleteSessionInput>("deleteSession", "Deletes a session. It disappears everywhere but stays restorable with `restoreSession`.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "Always null: the session is deleted.")
            .Handle(DeleteAsync);

        mutations.Add<RestoreSessionInput>("restoreSession", "Brings back a deleted session as it was when it was deleted.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("session", SessionModel.Instance, "The restored session.")
            .Handle(RestoreAsync);

        mutations.Add<RestoreSessionRevisionInput>("restoreSessionRevision", "Sets a session's content (texts, slot, presenters, links) back to what a revision recorded; its publication status stays.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("session", SessionModel.Instance, "The restored session.")
            .Handle(RestoreRevisionAsync);

        mutations.Add<AddSessionPresenterInput>("addSessionPresenter", "Adds a person to a session's presenters.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle((scope, input, ct) => ChangePresentersAsync(scope, input, AddPresenter, ct));

        mutations.Add<RemoveSessionPresenterInput>("removeSessionPresenter", "Removes a person from a session's presenters.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle((scope, input, ct) => ChangePresentersAsync(scope, input, RemovePresenter, ct));

        mutations.Add<ReorderSessionPresentersInput>("reorderSessionPresenters", "Puts a session's presenters in a new order.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle((scope, input, ct) => ChangePresentersAsync(scope, input, ReorderPresenters, ct));

        mutations.Add<ChangeSessionPresenterRoleInput>("changeSessionPresenterRole", "Changes a presenter's role in a session.")
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle((scope, input, ct) => ChangePresentersAsync(scope, input, ChangeRole, ct));
    }

    /// <summary>The session with its presenters and links, tracked: what a snapshot needs.</summary>
    public static Task<Session> LoadAsync(EditScope scope, int id, CancellationToken cancellationToken) =>
        scope.FindAsync(scope.Db.Sessions.Include(s => s.Presenters).Include(s => s.Links).AsSplitQuery(), id, Type, cancellationToken);

    /// <summary>Records the session's revision and bumps its version, for changes to what hangs off it.</summary>
    public static void Touch(EditScope scope, Session session, SessionSnapshot before, RevisionOperation operation, params string[] fields)
    {
        session.UpdatedAt = DateTime.UtcNow;
        scope.Record(Type, session, session.Version, operation, fields, before);
    }

    private static async Task<MutationResult> CreateAsync(EditScope scope, MutationInput<CreateSessionInput> input, CancellationToken cancellationToken)
    {
        var eventId = input.Id(i => i.EventId);
        var title = input.Text(i => i.Title);
        var slug = input.Slug(i => i.Slug, orFrom: title, kind: ProgrammeTitles.SlugKind);
        var markdown = input.Markdown(i => i.Abstract);
        var programmeTitle = input.OptionalText(i => i.ProgrammeTitle);
        input.ThrowIfInvalid();

        var ev = await scope.FindAsync(scope.Db.Events, eventId, "Event", cancellationToken);
        await EnsureSlugFreeAsync(scope, ev.Id, slug, exceptId: null, cancellationToken);
        var session = new Session
        {
            EventId = ev.Id,
            Slug = slug,
            Title = title,
            ProgrammeTitle = programmeTitle,
            Kind = input.Value.Kind ?? SessionKind.Talk,
            Abstract = scope.Render(markdown, "abstract"),
            Status = PublicationStatus.Draft,
            CreatedAt = DateTime.UtcNow,
        };
        var scheduled = ApplySchedule(input, session);
        scope.Db.Sessions.Add(session);
        scope.Record(Type, session, 0, RevisionOperation.Create, ["slug", "title", "programmeTitle", "kind", "abstract", "status", .. scheduled], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(session.Id);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput<UpdateSessionInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var title = input.Has(i => i.Title) ? input.Text(i => i.Title) : null;
        var slug = input.Has(i => i.Slug) ? input.Slug(i => i.Slug) : null;
        var markdown = input.Has(i => i.Abstract) ? input.Markdown(i => i.Abstract) : null;
        var programmeTitle = input.OptionalText(i => i.ProgrammeTitle);
        input.ThrowIfInvalid();

        var session = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(session, input.Value.Version, Type);
        var before = SessionSnapshot.Of(session);
        var changed = new List<string>();
        if (title is not null && title != session.Title)
        {
            session.Title = title;
            changed.Add("title");
        }

        if (slug is not null && slug != session.Slug)
        {
            await EnsureSlugFreeAsync(scope, session.EventId, slug, session.Id, cancellationToken);
            session.Slug = slug;
            changed.Add("slug");
        }

        if (input.Has(i => i.ProgrammeTitle) && programmeTitle != session.ProgrammeTitle)
        {
            session.ProgrammeTitle = programmeTitle;
            changed.Add("programmeTitle");
        }

        if (input.Value.Kind is { } kind && kind != session.Kind)
        {
            session.Kind = kind;
            changed.Add("kind");
        }

        if (markdown is not null && markdown != session.Abstract.Markdown)
        {
            session.Abstract = scope.Render(markdown, "abstract");
            changed.Add("abstract");
        }

        changed.AddRange(ApplySchedule(input, session));

        if (changed.Count > 0)
        {
            scope.Record(Type, session, session.Version, RevisionOperation.Update, changed, before);
        }

        return new MutationResult(session.Id);
    }

    private static void Simple<TInput>(MutationBuilder mutations, string name, string description, RevisionOperation operation, Action<Session> apply, string field)
        where TInput : class, ISessionEdit =>
        mutations.Add<TInput>(name, description)
            .Errors(NotFound)
            .Returns("session", SessionModel.Instance, "The changed session.")
            .Handle(async (scope, input, cancellationToken) =>
            {
                var id = input.Id(i => i.Id);
                input.ThrowIfInvalid();
                return await ChangeAsync(scope, id, input.Value.Version, operation, apply, [field], cancellationToken);
            });

    /// <summary>
    /// Applies what is due of the session's schedule by the path <c>publishSession</c> and <c>unpublishSession</c> take,
    /// based on <paramref name="version"/>: a ConflictError when another instance applied it first. Once
    /// <c>unpublishAt</c> has passed the window is closed: a publication due with it (the server was down, or the
    /// window was shorter than a poll) is dropped, never shown until the next poll.
    /// </summary>
    public static async Task<MutationResult> ApplyScheduleAsync(EditScope scope, int id, int version, DateTime now, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(scope, id, cancellationToken);
        if (session.UnpublishAt is null || session.UnpublishAt > now)
        {
            return Change(scope, session, version, RevisionOperation.Publish, s => (s.Status, s.PublishAt) = (PublicationStatus.Published, null), ["status", "publishAt"]);
        }

        string[] changed = [.. new[]
        {
            session.Status == PublicationStatus.Draft ? null : "status",
            session.PublishAt is null ? null : "publishAt",
            "unpublishAt",
        }.OfType<string>()];
        return Change(scope, session, version, RevisionOperation.Unpublish, s => (s.Status, s.PublishAt, s.UnpublishAt) = (PublicationStatus.Draft, null, null), changed);
    }

    private static async Task<MutationResult> ChangeAsync(EditScope scope, int id, int version, RevisionOperation operation, Action<Session> apply, string[] fields, CancellationToken cancellationToken) =>
        Change(scope, await LoadAsync(scope, id, cancellationToken), version, operation, apply, fields);

    /// <summary>One change to a session based on a version of it, recorded when it changed anything.</summary>
    private static MutationResult Change(EditScope scope, Session session, int version, RevisionOperation operation, Action<Session> apply, string[] fields)
    {
        scope.ExpectVersion(session, version, Type);
        var before = SessionSnapshot.Of(session);
        apply(session);
        if (scope.Db.Entry(session).State == EntityState.Modified)
        {
            scope.Record(Type, session, session.Version, operation, fields, before);
        }

        return new MutationResult(session.Id);
    }

    /// <summary>
    /// Sets <c>publishAt</c> and <c>unpublishAt</c> as given (omitted: as they are; null: cleared), as UTC; a
    /// ValidationError when the session would be unpublished before it is published. Returns the changed fields.
    /// </summary>
    private static List<string> ApplySchedule<TInput>(MutationInput<TInput> input, Session session)
        where TInput : class, ISessionSchedule
    {
        var changed = new List<string>();
        var publishAt = input.Has(i => i.PublishAt) ? Utc(input.Value.PublishAt) : session.PublishAt;
        var unpublishAt = input.Has(i => i.UnpublishAt) ? Utc(input.Value.UnpublishAt) : session.UnpublishAt;
        if (publishAt is { } publishing && unpublishAt <= publishing)
        {
            input.Problem(i => i.UnpublishAt, FormattableString.Invariant($"Must be later than publishAt ({publishing:yyyy-MM-ddTHH:mm:ssZ}): the session would be unpublished before it is published."));
        }

        input.ThrowIfInvalid();
        if (publishAt != session.PublishAt)
        {
            session.PublishAt = publishAt;
            changed.Add("publishAt");
        }

        if (unpublishAt != session.UnpublishAt)
        {
            session.UnpublishAt = unpublishAt;
            changed.Add("unpublishAt");
        }

        return changed;
    }

    private static DateTime? Utc(DateTime? value) => value is { } time ? SlotMutations.Utc(time) : null;

    private static async Task<MutationResult> ScheduleAsync(EditScope scope, MutationInput<ScheduleSessionInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var slotId = input.Id(i => i.SlotId);
        input.ThrowIfInvalid();
        var session = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(session, input.Value.Version, Type);
        var slot = await scope.FindAsync(scope.Db.Slots.Include(s => s.Day), slotId, "Slot", cancellationToken);
        if (slot.Day!.EventId != session.EventId)
        {
            input.Problem(i => i.SlotId, "The slot belongs to another edition than the session.");
            input.ThrowIfInvalid();
        }

        var before = SessionSnapshot.Of(session);
        if (session.SlotId != slot.Id)
        {
            session.SlotId = slot.Id;
            scope.Record(Type, session, session.Version, RevisionOperation.Schedule, ["slot"], before);
        }

        return new MutationResult(session.Id);
    }

    private static async Task<MutationResult> DeleteAsync(EditScope scope, MutationInput<DeleteSessionInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var session = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(session, input.Value.Version, Type);
        scope.Record(Type, session, session.Version, RevisionOperation.Delete, ["deleted"], SessionSnapshot.Of(session));
        session.DeletedAt = DateTime.UtcNow;
        return new MutationResult(null);
    }

    private static async Task<MutationResult> RestoreAsync(EditScope scope, MutationInput<RestoreSessionInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var session = await scope.Db.Sessions.IgnoreQueryFilters().Include(s => s.Presenters).Include(s => s.Links).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == id && s.DeletedAt != null, cancellationToken)
            ?? throw new ContentException(NotFoundError.For(Type, id, "deleted session"));
        await EnsureSlugFreeAsync(scope, session.EventId, session.Slug, session.Id, cancellationToken);
        scope.Record(Type, session, session.Version, RevisionOperation.Restore, ["deleted"], SessionSnapshot.Of(session));
        session.DeletedAt = null;
        return new MutationResult(session.Id);
    }

    private static async Task<MutationResult> RestoreRevisionAsync(EditScope scope, MutationInput<RestoreSessionRevisionInput> input, CancellationToken cancellationToken)
    {
        var revisionId = input.Id(i => i.RevisionId);
        input.ThrowIfInvalid();
        var revision = await scope.Db.Revisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.EntityType == Type && r.PreviousContent != null, cancellationToken)
            ?? throw new ContentException(new NotFoundError("No revision of a session with content has that ID.", GlobalId.Encode("Revision", revisionId)));
        var snapshot = RevisionSnapshots.Read<SessionSnapshot>(revision.PreviousContent)!;
        var session = await LoadAsync(scope, revision.EntityId, cancellationToken);
        scope.ExpectVersion(session, input.Value.Version, Type);
        if (snapshot.Slug != session.Slug)
        {
            await EnsureSlugFreeAsync(scope, session.EventId, snapshot.Slug, session.Id, cancellationToken);
        }

        scope.Record(Type, session, session.Version, RevisionOperation.Restore, ["slug", "title", "programmeTitle", "kind", "abstract", "slot", "presenters", "links"], SessionSnapshot.Of(session));
        session.Slug = snapshot.Slug;
        session.Title = snapshot.Title;
        session.ProgrammeTitle = snapshot.ProgrammeTitle;
        session.Kind = snapshot.Kind;
        if (session.Abstract.Markdown != snapshot.Abstract)
        {
            session.Abstract = scope.Render(snapshot.Abstract, input.Field(i => i.RevisionId));
        }

        var liveSlots = await scope.Db.Slots.Where(s => s.Id == snapshot.SlotId).Select(s => s.Id).ToListAsync(cancellationToken);
        session.SlotId = liveSlots.Count == 1 ? snapshot.SlotId : null;

        var presenterIds = snapshot.Presenters.Select(p => p.PresenterId).ToList();
        var livePresenters = await scope.Db.Presenters.Where(p => presenterIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        scope.Db.SessionPresenters.RemoveRange(session.Presenters);
        session.Presenters.Clear();
        foreach (var part in snapshot.Presenters.Where(p => livePresenters.Contains(p.PresenterId)))
        {
            session.Presenters.Add(new SessionPresenter { PresenterId = part.PresenterId, Role = part.Role, Position = part.Position });
        }

        scope.Db.Links.RemoveRange(session.Links);
        session.Links.Clear();
        foreach (var link in snapshot.Links)
        {
            session.Links.Add(new Link { Kind = link.Kind, Url = link.Url, Label = link.Label, Position = link.Position });
        }

        session.UpdatedAt = DateTime.UtcNow;
        return new MutationResult(session.Id);
    }

    private static async Task<MutationResult> ChangePresentersAsync<TInput>(EditScope scope, MutationInput<TInput> input,
        Func<EditScope, MutationInput<TInput>, Session, CancellationToken, Task> change, CancellationToken cancellationToken)
        where TInput : class, ISessionPresentersEdit
    {
        var id = input.Id(i => i.SessionId);
        input.ThrowIfInvalid();
        var session = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(session, input.Value.Version, Type);
        var before = SessionSnapshot.Of(session);
        await change(scope, input, session, cancellationToken);
        input.ThrowIfInvalid();
        Touch(scope, session, before, RevisionOperation.Update, "presenters");
        return new MutationResult(session.Id);
    }

    private static async Task AddPresenter(EditScope scope, MutationInput<AddSessionPresenterInput> input, Session session, CancellationToken cancellationToken)
    {
        var presenterId = input.Id(i => i.PresenterId);
        input.ThrowIfInvalid();
        var presenter = await scope.FindAsync(scope.Db.Presenters, presenterId, "Presenter", cancellationToken);
        if (session.Presenters.Any(p => p.PresenterId == presenter.Id))
        {
            input.Problem(i => i.PresenterId, $"{presenter.Name} already presents this session.");
            return;
        }

        var ordered = session.Presenters.OrderBy(p => p.Position).ToList();
        var position = Math.Clamp(input.Value.Position ?? ordered.Count, 0, ordered.Count);
        ordered.Insert(position, new SessionPresenter { PresenterId = presenter.Id, Role = input.Value.Role ?? PresenterRole.Presenter });
        session.Presenters.Add(ordered[position]);
        Renumber(ordered);
    }

    private static Task RemovePresenter(EditScope scope, MutationInput<RemoveSessionPresenterInput> input, Session session, CancellationToken cancellationToken)
    {
        var part = FindPart(input, session);
        if (part is not null)
        {
            session.Presenters.Remove(part);
            scope.Db.SessionPresenters.Remove(part);
            Renumber(session.Presenters.OrderBy(p => p.Position).ToList());
        }

        return Task.CompletedTask;
    }

    private static Task ReorderPresenters(EditScope scope, MutationInput<ReorderSessionPresentersInput> input, Session session, CancellationToken cancellationToken)
    {
        var ids = input.Value.PresenterIds.Select(value =>
            GlobalId.TryDecode(value, out var type, out var id) && type == "Presenter" ? id : 0).ToList();
        var current = session.Presenters.Select(p => p.PresenterId).Order().ToList();
        if (ids.Contains(0) || !ids.Order().SequenceEqual(current))
        {
            input.Problem(i => i.PresenterIds, $"Must list each of the session's {current.Count} presenters exactly once.");
            return Task.CompletedTask;
        }

        Renumber([.. ids.Select(id => session.Presenters.Single(p => p.PresenterId == id))]);
        return Task.CompletedTask;
    }

    private static Task ChangeRole(EditScope scope, MutationInput<ChangeSessionPresenterRoleInput> input, Session session, CancellationToken cancellationToken)
    {
        if (FindPart(input, session) is { } part)
        {
            part.Role = input.Value.Role;
        }

        return Task.CompletedTask;
    }

    private static SessionPresenter? FindPart<TInput>(MutationInput<TInput> input, Session session)
        where TInput : class, ISessionPresenterEdit
    {
        var presenterId = input.Id(i => i.PresenterId);
        var part = session.Presenters.SingleOrDefault(p => p.PresenterId == presenterId);
        if (part is null && presenterId != 0)
        {
            input.Problem(i => i.PresenterId, "The person does not present this session.");
        }

        return part;
    }

    private static void Renumber(List<SessionPresenter> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }
    }

    private static async Task EnsureSlugFreeAsync(EditScope scope, int eventId, string slug, int? exceptId, CancellationToken cancellationToken)
    {
        if (await scope.Db.Sessions.AnyAsync(s => s.EventId == eventId && s.Slug == slug && s.Id != exceptId, cancellationToken))
        {
            throw new ContentException(new DuplicateSlugError($"Another session of this edition already has the slug '{slug}'.", slug));
        }
    }
}

/// <summary>An input that changes one session, based on a version of it.</summary>
public interface ISessionEdit : IVersionedInput
{
    [Description("The session."), GlobalId("Session")]
    string Id { get; }
}

/// <summary>An input that changes a session's presenters, based on a version of the session.</summary>
public interface ISessionPresentersEdit : IVersionedInput
{
    [Description("The session."), GlobalId("Session")]
    string SessionId { get; }
}

/// <summary>An input about one presenter of a session.</summary>
public interface ISessionPresenterEdit : ISessionPresentersEdit
{
    [Description("The person."), GlobalId("Presenter")]
    string PresenterId { get; }
}

/// <summary>An input that may schedule a session's publication; omitted fields stay as they are, null clears them.</summary>
public interface ISessionSchedule
{
    [Description("When the session is published (UTC or with an offset; a time in the past publishes at the next poll); null to clear.")]
    DateTime? PublishAt { get; }

    [Description("When the session goes back to draft (UTC or with an offset; later than publishAt); null to clear.")]
    DateTime? UnpublishAt { get; }
}

public sealed record CreateSessionInput(
    [property: Description("The edition the session belongs to."), GlobalId("Event")] string EventId,
    [property: Description("The title (1 to 200 characters).")] string Title,
    [property: Description("The URL name; made from the title when omitted.")] string? Slug,
    [property: Description("The programme table's title, when it differs.")] string? ProgrammeTitle,
    [property: Description("What kind of session it is (default TALK).")] SessionKind? Kind,
    [property: Description("The abstract in Markdown (at most 20,000 characters).")] string? Abstract,
    DateTime? PublishAt,
    DateTime? UnpublishAt) : ISessionSchedule;

public sealed record UpdateSessionInput(
    string Id,
    int Version,
    [property: Description("The title (1 to 200 characters).")] string? Title,
    [property: Description("The URL name.")] string? Slug,
    [property: Description("The programme table's title; null to clear it.")] string? ProgrammeTitle,
    [property: Description("What kind of session it is.")] SessionKind? Kind,
    [property: Description("The abstract in Markdown (at most 20,000 characters).")] string? Abstract,
    DateTime? PublishAt,
    DateTime? UnpublishAt) : ISessionEdit, ISessionSchedule;

public sealed record PublishSessionInput(
    string Id,
    int Version) : ISessionEdit;

public sealed record UnpublishSessionInput(
    string Id,
    int Version) : ISessionEdit;

public sealed record UnscheduleSessionInput(
    string Id,
    int Version) : ISessionEdit;

public sealed record ScheduleSessionInput(
    string Id,
    int Version,
    [property: Description("The slot."), GlobalId("Slot")] string SlotId) : ISessionEdit;

public sealed record DeleteSessionInput(
    string Id,
    int Version) : ISessionEdit;

public sealed record RestoreSessionInput(
    [property: Description("The deleted session."), GlobalId("Session")] string Id);

public sealed record RestoreSessionRevisionInput(
    [property: Description("A revision of the session (from `Session.revisions`)."), GlobalId("Revision")] string RevisionId,
    int Version) : IVersionedInput;

public sealed record AddSessionPresenterInput(
    string SessionId,
    int Version,
    string PresenterId,
    [property: Description("Their role (default PRESENTER).")] PresenterRole? Role,
    [property: Description("Their place in the list, from 0 (default: last).")] int? Position) : ISessionPresenterEdit;

public sealed record RemoveSessionPresenterInput(
    string SessionId,
    int Version,
    string PresenterId) : ISessionPresenterEdit;

public sealed record ReorderSessionPresentersInput(
    string SessionId,
    int Version,
    [property: Description("Every presenter of the session, each once, in the new order."), GlobalId("Presenter")] IReadOnlyList<string> PresenterIds) : ISessionPresentersEdit;

public sealed record ChangeSessionPresenterRoleInput(
    string SessionId,
    int Version,
    string PresenterId,
    [property: Description("The new role.")] PresenterRole Role) : ISessionPresenterEdit;
