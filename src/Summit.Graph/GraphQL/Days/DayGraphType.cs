using GraphQL;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Slots;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Days;

public sealed class DayGraphType : EntityGraphType<Day>
{
    private static readonly ChildLink<Slot, Slot> SlotLinks = ChildLink.Of(db => db.Slots, s => s.DayId, s => s);

    public DayGraphType()
        : base("Day", "One day of an edition.", d => d.Id)
    {
        Column("date", d => d.Date, "The calendar date (UTC).");
        ZonedTimeColumn("startsAt", d => d.StartsAt, "When the day's first slot starts (UTC, or in `timeZone`).");
        ZonedTimeColumn("endsAt", d => d.EndsAt, "When the day's last slot ends (UTC, or in `timeZone`).");
        Column("version", d => d.Version, "Increases with every change; pass it back when updating.");
        Projected<NonNullGraphType<EventGraphType>, Event?>("event", d => d.Event, "The edition the day belongs to.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SlotGraphType>>>>("slots")
            .Description("The day's time slots, in order.")
            .Resolve(context => context.Queries().Children(context, SlotModel.Instance, context.Source.Id, SlotLinks))
            .FieldType.WithFilterAndOrder(SlotModel.Instance).WithAssumedSize(12);
    }
}
