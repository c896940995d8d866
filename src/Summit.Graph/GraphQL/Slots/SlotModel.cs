using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Slots;

public sealed class SlotModel : EntityModel<Slot>
{
    public static readonly SlotModel Instance = new();

    private SlotModel()
        : base("Slot")
    {
        Scalar("startsAt", s => s.StartsAt, "When the slot starts (UTC).");
        Scalar("endsAt", s => s.EndsAt, "When the slot ends (UTC).");
        Scalar("track", s => s.Track, "The parallel track, or null for the main track.");
        Reference("day", s => s.Day, () => DayModel.Instance, "The day of the slot.");
        Collection("sessions", s => s.Sessions, () => SessionModel.Instance, "The sessions held in the slot.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<DateTime>(s => s.StartsAt), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(s => s.Id);
}
