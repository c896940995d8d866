using GraphQL;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Revisions;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Slots;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Sessions;

public sealed class SessionGraphType : EntityGraphType<Session>
{
    private static readonly ChildLink<SessionPresenter, Presenter> PresenterLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.SessionId, sp => sp.Presenter!, sp => sp.Position);
    private static readonly ChildLink<SessionPresenter, SessionPresenter> RoleLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.SessionId, sp => sp);
    private static readonly ChildLink<Revision, Revision> RevisionLinks = ChildLink.Of(db => db.Revisions.Where(r => r.EntityType == "Session"), r => r.EntityId, r => r);
    private static readonly ChildLink<Link, Link> LinkLinks = ChildLink.Of(db => db.Links.Where(l => l.SessionId != null), l => l.SessionId!.Value, l => l);

    public SessionGraphType()
        : base("Session", "A talk, panel, forum or other session of the programme.", s => s.Id)
    {
        Column("slug", s => s.Slug, "The session's URL name (the page's anchor), unique within its edition.");
        Column("title", s => s.Title, "The session's title.");
        Column("programmeTitle", s => s.ProgrammeTitle, "The title the programme table uses, when it differs from `title`.", nullable: true);
        Column("kind", s => s.Kind, "What kind of session it is.");
        Column("status", s => s.Status, "DRAFT or PUBLISHED; anonymous readers only ever see PUBLISHED.");
        Column("version", s => s.Version, "Increases with every change; pass it back when updating.");
        ZonedTimeColumn("updatedAt", s => s.UpdatedAt, "When the session last changed (UTC, or in `timeZone`).");
        Projected<NonNullGraphType<RichTextGraphType>, RichText>("abstract", s => s.Abstract, "The session's abstract.");
        Projected<SlotGraphType, Slot?>("slot", s => s.Slot, "The time slot the session is scheduled in; null while unscheduled.");
        Projected<NonNullGraphType<EventGraphType>, Event?>("event", s => s.Event, "The edition the session belongs to.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PresenterGraphType>>>>("presenters")
            .Description("The people presenting the session, in the order the page lists them.")
            .Resolve(context => context.Queries().Children(context, PresenterModel.Instance, context.Source.Id, PresenterLinks))
            .FieldType.WithFilterAndOrder(PresenterModel.Instance);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionPresenterGraphType>>>>("presenterRoles")
            .Description("The session's presenters with their role (presenter, session lead, panelist), in order.")
            .Resolve(context => context.Queries().Children(context, SessionPresenterModel.Instance, context.Source.Id, RoleLinks))
            .FieldType.WithAssumedSize(3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RevisionGraphType>>>>("revisions")
            .Description("Every change, newest first (editors and previewers only).")
            .Resolve(context => context.RequireDraftAccess().Queries().Children(context, RevisionModel.Instance, context.Source.Id, RevisionLinks))
            .FieldType.WithAssumedSize(20);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkGraphType>>>>("links")
            .Description("Recordings, slides, demos and references, in page order.")
            .Resolve(context => context.Queries().Children(context, LinkModel.Instance, context.Source.Id, LinkLinks))
            .FieldType.WithFilterAndOrder(LinkModel.Instance);
    }
}
