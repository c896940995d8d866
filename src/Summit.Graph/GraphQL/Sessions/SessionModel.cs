using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Slots;

namespace Summit.Graph.GraphQL.Sessions;

public sealed class SessionModel : EntityModel<Session>
{
    public static readonly SessionModel Instance = new();

    private SessionModel()
        : base("Session")
    {
        Scalar("slug", s => s.Slug, "The session's URL name (the page's anchor), unique within its edition.");
        Scalar("title", s => s.Title, "The session's title.");
        Scalar("programmeTitle", s => s.ProgrammeTitle, "The title the programme table uses, when it differs from `title`.");
        Scalar("kind", s => s.Kind, "What kind of session it is.", sortable: false);
        Scalar("status", s => s.Status, "DRAFT or PUBLISHED; anonymous readers only ever see PUBLISHED.", sortable: false);
        Reference("slot", s => s.Slot, () => SlotModel.Instance, "The time slot the session is scheduled in.");
        Reference("event", s => s.Event, () => EventModel.Instance, "The edition the session belongs to.");
        Collection("presenters", s => s.Presenters.Select(p => p.Presenter!), () => PresenterModel.Instance, "The people presenting the session.");
        Collection("links", s => s.Links, () => LinkModel.Instance, "Recordings, slides and references.");
    }

    /// <summary>Programme order: by start time, unscheduled sessions first, then by title.</summary>
    public override IReadOnlyList<SortKey> DefaultOrder { get; } =
    [
        new(Key<DateTime>(s => s.Slot!.StartsAt), Descending: false),
        new(Key<string>(s => s.Title), Descending: false),
    ];

    public override LambdaExpression IdKey { get; } = Key<int>(s => s.Id);
}
