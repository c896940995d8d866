using GraphQL;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Sessions;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Slots;

public sealed class SlotGraphType : EntityGraphType<Slot>
{
    private static readonly ChildLink<Session, Session> SessionLinks = ChildLink.Of(db => db.Sessions.Where(s => s.SlotId != null), s => s.SlotId!.Value, s => s);

    public SlotGraphType()
        : base("Slot", "A time slot of a day.", s => s.Id)
    {
        ZonedTimeColumn("startsAt", s => s.StartsAt, "When the slot starts (UTC, or in `timeZone`).");
        ZonedTimeColumn("endsAt", s => s.EndsAt, "When the slot ends (UTC, or in `timeZone`).");
        Column("track", s => s.Track, "The parallel track, or null for the main track.", nullable: true);
        Column("version", s => s.Version, "Increases with every change; pass it back when updating.");
        Projected<NonNullGraphType<DayGraphType>, Day?>("day", s => s.Day, "The day of the slot.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionGraphType>>>>("sessions")
            .Description("The sessions held in the slot (several only on parallel tracks).")
            .Resolve(context => context.Queries().Children(context, SessionModel.Instance, context.Source.Id, SessionLinks))
            .FieldType.WithFilterAndOrder(SessionModel.Instance).WithAssumedSize(3);
    }
}
