using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common.Mutations;
using static Summit.Graph.GraphQL.Common.Mutations.MutationDefinition;

namespace Summit.Graph.GraphQL.Slots;

/// <summary>
/// Time slots. A slot lies inside its day's hours and overlaps no other slot of the same track; slots on
/// an explicit parallel track (a track name) may run at the same time as the main track.
/// </summary>
public static class SlotMutations
{
    private const string Type = "Slot";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add("addSlot", "Adds a time slot to a day.")
            .Id("dayId", "The day.")
            .Input("startsAt", "DateTime", "When the slot starts (UTC).", required: true)
            .Input("endsAt", "DateTime", "When the slot ends (UTC).", required: true)
            .Input("track", "String", "A parallel track's name; omit for the main track.")
            .Errors(NotFound)
            .Returns("slot", SlotModel.Instance, "The new slot.")
            .Handle(AddAsync);

        mutations.Add("moveSlot", "Moves a slot to another start time, keeping its length.")
            .Id("id", "The slot.")
            .Version("slot")
            .Input("startsAt", "DateTime", "The new start (UTC).", required: true)
            .Errors(NotFound, Conflict)
            .Returns("slot", SlotModel.Instance, "The moved slot.")
            .Handle((scope, input, ct) => ChangeAsync(scope, input, (slot, i) =>
            {
                var start = i.Value<DateTime>("startsAt");
                return (start, start + (slot.EndsAt - slot.StartsAt));
            }, ct));

        mutations.Add("resizeSlot", "Changes when a slot ends.")
            .Id("id", "The slot.")
            .Version("slot")
            .Input("endsAt", "DateTime", "The new end (UTC).", required: true)
            .Errors(NotFound, Conflict)
            .Returns("slot", SlotModel.Instance, "The resized slot.")
            .Handle((scope, input, ct) => ChangeAsync(scope, input, (slot, i) => (slot.StartsAt, i.Value<DateTime>("endsAt")), ct));

        mutations.Add("removeSlot", "Removes an empty slot; move or unschedule its sessions first.")
            .Id("id", "The slot.")
            .Version("slot")
            .Errors(NotFound, Conflict)
            .Returns("slot", SlotModel.Instance, "Always null: the slot is removed.")
            .Handle(RemoveAsync);
    }

    private static async Task<MutationResult> AddAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var dayId = input.Id("dayId", "Day");
        var track = input.OptionalText("track", 100);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), dayId, "Day", cancellationToken);
        var slot = new Slot { StartsAt = Utc(input.Value<DateTime>("startsAt")), EndsAt = Utc(input.Value<DateTime>("endsAt")), Track = track };
        Validate(input, day, slot);
        day.Slots.Add(slot);
        scope.Record(Type, slot, 0, RevisionOperation.Create, ["startsAt", "endsAt", "track"], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(slot.Id);
    }

    private static async Task<MutationResult> ChangeAsync(EditScope scope, MutationInput input,
        Func<Slot, MutationInput, (DateTime Start, DateTime End)> times, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        input.ThrowIfInvalid();
        var slot = await scope.FindAsync(scope.Db.Slots.Include(s => s.Day).ThenInclude(d => d!.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(slot, input.Value<int>("version"), Type);
        var before = new { slot.StartsAt, slot.EndsAt, slot.Track };
        var (start, end) = times(slot, input);
        (slot.StartsAt, slot.EndsAt) = (Utc(start), Utc(end));
        Validate(input, slot.Day!, slot);
        if (scope.Db.Entry(slot).State == EntityState.Modified)
        {
            scope.Record(Type, slot, slot.Version, RevisionOperation.Update, ["startsAt", "endsAt"], before);
        }

        return new MutationResult(slot.Id);
    }

    private static async Task<MutationResult> RemoveAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        input.ThrowIfInvalid();
        var slot = await scope.FindAsync(scope.Db.Slots, id, Type, cancellationToken);
        scope.ExpectVersion(slot, input.Value<int>("version"), Type);
        if (await scope.Db.Sessions.IgnoreQueryFilters().AnyAsync(s => s.SlotId == slot.Id && s.DeletedAt == null, cancellationToken))
        {
            input.Problem("id", "The slot still holds sessions; move or unschedule them first.");
            input.ThrowIfInvalid();
        }

        scope.Record(Type, slot, slot.Version, RevisionOperation.Delete, ["deleted"], new { slot.DayId, slot.StartsAt, slot.EndsAt, slot.Track });
        scope.Db.Slots.Remove(slot);
        return new MutationResult(null);
    }

    private static void Validate(MutationInput input, Day day, Slot slot)
    {
        if (slot.EndsAt <= slot.StartsAt)
        {
            input.Problem("endsAt", "A slot must end after it starts.");
        }
        else if (slot.StartsAt < day.StartsAt || slot.EndsAt > day.EndsAt)
        {
            input.Problem("startsAt", $"The slot must lie within its day, {day.StartsAt:yyyy-MM-ddTHH:mm}Z to {day.EndsAt:yyyy-MM-ddTHH:mm}Z.");
        }
        else if (day.Slots.FirstOrDefault(other => other != slot && other.Track == slot.Track && other.StartsAt < slot.EndsAt && slot.StartsAt < other.EndsAt) is { } overlap)
        {
            input.Problem("startsAt", $"The slot overlaps the slot from {overlap.StartsAt:HH:mm} to {overlap.EndsAt:HH:mm}Z on the same track; use another track for parallel sessions.");
        }

        input.ThrowIfInvalid();
    }

    internal static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
