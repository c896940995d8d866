using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Revisions;
using Summit.Graph.GraphQL.Slots;

namespace Summit.Graph.GraphQL.Sessions;

/// <summary>A session: the one declaration of its GraphQL surface.</summary>
public sealed class SessionModel : EntityModel<Session>
{
    private static readonly ChildLink<SessionPresenter, Presenter> PresenterLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.SessionId, sp => sp.Presenter!, sp => sp.Position);
    private static readonly ChildLink<SessionPresenter, SessionPresenter> RoleLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.SessionId, sp => sp);
    private static readonly ChildLink<Revision, Revision> RevisionLinks = ChildLink.Of(db => db.Revisions.Where(r => r.EntityType == "Session"), r => r.EntityId, r => r);
    private static readonly ChildLink<Link, Link> LinkLinks = ChildLink.Of(db => db.Links.Where(l => l.SessionId != null), l => l.SessionId!.Value, l => l);

    public static readonly SessionModel Instance = new();

    /// <summary>The session with the slug in the edition with the event slug, or, without one, in the newest edition that has it.</summary>
    public static readonly SlugLookup<Session> BySlug = new((db, slug, eventSlug) => db.Sessions
        .Where(s => s.Slug == slug && (eventSlug == null || s.Event!.Slug == eventSlug))
        .OrderByDescending(s => s.Event!.StartDate));

    private SessionModel()
        : base("Session", "A talk, panel, forum or other session of the programme.", s => s.Id)
    {
        Column("slug", s => s.Slug, "The session's URL name (the page's anchor), unique within its edition.");
        Column("title", s => s.Title, "The session's title.");
        Column("programmeTitle", s => s.ProgrammeTitle, "The title the programme table uses, when it differs from `title`.");
        Column("kind", s => s.Kind, "What kind of session it is.");
        Column("status", s => s.Status, "DRAFT or PUBLISHED; anonymous readers only ever see PUBLISHED.");
        // A draft's plan is not for anonymous readers, nor a filter that would reveal it.
        Column("publishAt", s => s.PublishAt, "When the schedule publishes the session (UTC); null when nothing is planned or once done (editors and previewers only).",
            filterable: false, sortable: false, access: FieldAccess.DraftReaders);
        Column("unpublishAt", s => s.UnpublishAt, "When the schedule turns the session back into a draft (UTC); null when nothing is planned or once done (editors and previewers only).",
            filterable: false, sortable: false, access: FieldAccess.DraftReaders);
        Column("version", s => s.Version, "Increases with every change; pass it back when updating.");
        Column("createdAt", s => s.CreatedAt, "When the session was created (UTC, or in `timeZone`).");
        Column("updatedAt", s => s.UpdatedAt, "When the session last changed (UTC, or in `timeZone`).");
        Object<NonNullGraphType<RichTextGraphType>, RichText>("abstract", s => s.Abstract, "The session's abstract.");
        Reference("slot", s => s.Slot, () => SlotModel.Instance, "The time slot the session is scheduled in; null while unscheduled.", nullable: true);
        Reference("event", s => s.Event, () => EventModel.Instance, "The edition the session belongs to.", nullable: false);
        Collection("presenters", s => s.Presenters.Select(p => p.Presenter!), () => PresenterModel.Instance, "The people presenting the session, in the order the page lists them.", PresenterLinks);
        Children("presenterRoles", () => SessionPresenterModel.Instance, "The session's presenters with their role (presenter, session lead, panelist), in order.", RoleLinks, assumedSize: 3);
        Children("revisions", () => RevisionModel.Instance, "Every change, newest first (editors and previewers only).", RevisionLinks, assumedSize: 20, FieldAccess.DraftReaders);
        Collection("links", s => s.Links, () => LinkModel.Instance, "Recordings, slides, demos and references, in page order.", LinkLinks);
    }

    /// <summary>Programme order: by start time, unscheduled sessions first, then by title.</summary>
    public override IReadOnlyList<SortKey> DefaultOrder { get; } =
    [
        new(Key(s => s.Slot!.StartsAt), Descending: false),
        new(Key(s => s.Title), Descending: false),
    ];
}

public sealed class SessionGraphType() : EntityGraphType<Session>(SessionModel.Instance);
