using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Slots;

namespace Summit.Graph.GraphQL.Days;

public sealed class DayModel : EntityModel<Day>
{
    public static readonly DayModel Instance = new();

    private DayModel()
        : base("Day")
    {
        Scalar("startsAt", d => d.StartsAt, "When the day's first slot starts (UTC).");
        Scalar("endsAt", d => d.EndsAt, "When the day's last slot ends (UTC).");
        Reference("event", d => d.Event, () => EventModel.Instance, "The edition the day belongs to.");
        Collection("slots", d => d.Slots, () => SlotModel.Instance, "The day's time slots.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<DateTime>(d => d.StartsAt), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(d => d.Id);
}
