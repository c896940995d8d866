using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Slots;

namespace Summit.Graph.GraphQL.Days;

/// <summary>A day of an edition: the one declaration of its GraphQL surface.</summary>
public sealed class DayModel : EntityModel<Day>
{
    private static readonly ChildLink<Slot, Slot> SlotLinks = ChildLink.Of(db => db.Slots, s => s.DayId, s => s);

    public static readonly DayModel Instance = new();

    private DayModel()
        : base("Day", "One day of an edition.", d => d.Id)
    {
        Column("date", d => d.Date, "The calendar date (UTC).");
        Column("startsAt", d => d.StartsAt, "When the day's first slot starts (UTC, or in `timeZone`).");
        Column("endsAt", d => d.EndsAt, "When the day's last slot ends (UTC, or in `timeZone`).");
        Column("version", d => d.Version, "Increases with every change; pass it back when updating.");
        Column("updatedAt", d => d.UpdatedAt, "When the day last changed (UTC, or in `timeZone`).");
        Reference("event", d => d.Event, () => EventModel.Instance, "The edition the day belongs to.", nullable: false);
        Collection("slots", d => d.Slots, () => SlotModel.Instance, "The day's time slots, in order.", SlotLinks, assumedSize: 12);
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(d => d.StartsAt), Descending: false)];
}

public sealed class DayGraphType() : EntityGraphType<Day>(DayModel.Instance);
