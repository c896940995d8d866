using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Events;

public sealed class EventModel : EntityModel<Event>
{
    public static readonly EventModel Instance = new();

    private EventModel()
        : base("Event")
    {
        Scalar("slug", e => e.Slug, "The edition's URL name, for example `kubevirt-summit-2021`.");
        Scalar("name", e => e.Name, "The edition's name.");
        Scalar("timeZone", e => e.TimeZone, "The zone the programme is written in.");
        Scalar("slotMinutes", e => e.SlotMinutes, "The planned length of a time slot, in minutes.");
        Collection("days", e => e.Days, () => DayModel.Instance, "The days of the edition.");
        Collection("sessions", e => e.Sessions, () => SessionModel.Instance, "The sessions of the edition.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<DateOnly>(e => e.StartDate), Descending: true)];

    public override LambdaExpression IdKey { get; } = Key<int>(e => e.Id);
}
