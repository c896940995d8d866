using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Slots;

/// <summary>A time slot of a day: the one declaration of its GraphQL surface.</summary>
public sealed class SlotModel : EntityModel<Slot>
{
    private static readonly ChildLink<Session, Session> SessionLinks = ChildLink.Of(db => db.Sessions.Where(s => s.SlotId != null), s => s.SlotId!.Value, s => s);

    public static readonly SlotModel Instance = new();

    private SlotModel()
        : base("Slot", "A time slot of a day.", s => s.Id)
    {
        Column("startsAt", s => s.StartsAt, "When the slot starts (UTC, or in `timeZone`).");
        Column("endsAt", s => s.EndsAt, "When the slot ends (UTC, or in `timeZone`).");
        Column("track", s => s.Track, "The parallel track, or null for the main track.");
        Column("version", s => s.Version, "Increases with every change; pass it back when updating.");
        Column("updatedAt", s => s.UpdatedAt, "When the slot last changed (UTC, or in `timeZone`).");
        Reference("day", s => s.Day, () => DayModel.Instance, "The day of the slot.", nullable: false);
        Collection("sessions", s => s.Sessions, () => SessionModel.Instance, "The sessions held in the slot (several only on parallel tracks).", SessionLinks, assumedSize: 3);
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(s => s.StartsAt), Descending: false)];
}

public sealed class SlotGraphType() : EntityGraphType<Slot>(SlotModel.Instance);
