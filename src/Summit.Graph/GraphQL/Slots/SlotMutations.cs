using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common.Mutations;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

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
        mutations.Add<AddSlotInput>("addSlot", "Adds a time slot to a day.")
            .Errors(NotFound)
            .Returns("slot", SlotModel.Instance, "The new slot.")
            .Handle(AddAsync);

        mutations.Add<MoveSlotInput>("moveSlot", "Moves a slot to another start time, keeping its length.")
            .Errors(NotFound)
            .Returns("slot", SlotModel.Instance, "The moved slot.")
            .Handle((scope, input, ct) => ChangeAsync(scope, input, input.Id(i => i.Id), input.Value.Version,
                slot => (input.Value.StartsAt, input.Value.StartsAt + (slot.EndsAt - slot.StartsAt)), ct));

        mutations.Add<ResizeSlotInput>("resizeSlot", "Changes when a slot ends.")
            .Errors(NotFound)
            .Returns("slot", SlotModel.Instance, "The resized slot.")
            .Handle((scope, input, ct) => ChangeAsync(scope, input, input.Id(i => i.Id), input.Value.Version, slot => (slot.StartsAt, input.Value.EndsAt), ct));

        mutations.Add<RemoveSlotInput>("removeSlot", "Removes an empty slot; move or unschedule its sessions first.")
            .Errors(NotFound)
            .Returns("slot", SlotModel.Instance, "Always null: the slot is removed.")
            .Handle(RemoveAsync);
    }

    private static async Task<MutationResult> AddAsync(EditScope scope, MutationInput<AddSlotInput> input, CancellationToken cancellationToken)
    {
        var dayId = input.Id(i => i.DayId);
        var track = input.OptionalText(i => i.Track, 100);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), dayId, "Day", cancellationToken);
        var slot = new Slot { StartsAt = Utc(input.Value.StartsAt), EndsAt = Utc(input.Value.EndsAt), Track = track };
        Validate(input, day, slot);
        day.Slots.Add(slot);
        scope.Record(Type, slot, 0, RevisionOperation.Create, ["startsAt", "endsAt", "track"], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(slot.Id);
    }

    private static async Task<MutationResult> ChangeAsync(EditScope scope, MutationInput input, int id, int version,
        Func<Slot, (DateTime Start, DateTime End)> times, CancellationToken cancellationToken)
    {
        input.ThrowIfInvalid();
        var slot = await scope.FindAsync(scope.Db.Slots.Include(s => s.Day).ThenInclude(d => d!.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(slot, version, Type);
        var before = SlotSnapshot.Of(slot);
        var (start, end) = times(slot);
        (slot.StartsAt, slot.EndsAt) = (Utc(start), Utc(end));
        Validate(input, slot.Day!, slot);
        if (scope.Db.Entry(slot).State == EntityState.Modified)
        {
            scope.Record(Type, slot, slot.Version, RevisionOperation.Update, ["startsAt", "endsAt"], before);
        }

        return new MutationResult(slot.Id);
    }

    private static async Task<MutationResult> RemoveAsync(EditScope scope, MutationInput<RemoveSlotInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var slot = await scope.FindAsync(scope.Db.Slots, id, Type, cancellationToken);
        scope.ExpectVersion(slot, input.Value.Version, Type);
        if (await scope.Db.Sessions.IgnoreQueryFilters().AnyAsync(s => s.SlotId == slot.Id && s.DeletedAt == null, cancellationToken))
        {
            input.Problem(i => i.Id, "The slot still holds sessions; move or unschedule them first.");
            input.ThrowIfInvalid();
        }

        scope.Record(Type, slot, slot.Version, RevisionOperation.Delete, ["deleted"], SlotSnapshot.Of(slot));
        scope.Db.Slots.Remove(slot);
        return new MutationResult(null);
    }

    private static void Validate(MutationInput input, Day day, Slot slot)
    {
        if (slot.EndsAt <= slot.StartsAt)
        {
            input.Problem(InputTypes.FieldName(nameof(AddSlotInput.EndsAt)), "A slot must end after it starts.");
        }
        else if (slot.StartsAt < day.StartsAt || slot.EndsAt > day.EndsAt)
        {
            input.Problem(InputTypes.FieldName(nameof(AddSlotInput.StartsAt)), $"The slot must lie within its day, {day.StartsAt:yyyy-MM-ddTHH:mm}Z to {day.EndsAt:yyyy-MM-ddTHH:mm}Z.");
        }
        else if (day.Slots.FirstOrDefault(other => other != slot && other.Track == slot.Track && other.StartsAt < slot.EndsAt && slot.StartsAt < other.EndsAt) is { } overlap)
        {
            input.Problem(InputTypes.FieldName(nameof(AddSlotInput.StartsAt)), $"The slot overlaps the slot from {overlap.StartsAt:HH:mm} to {overlap.EndsAt:HH:mm}Z on the same track; use another track for parallel sessions.");
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

public sealed record AddSlotInput(
    [property: Description("The day."), GlobalId("Day")] string DayId,
    [property: Description("When the slot starts (UTC).")] DateTime StartsAt,
    [property: Description("When the slot ends (UTC).")] DateTime EndsAt,
    [property: Description("A parallel track's name; omit for the main track.")] string? Track);

public sealed record MoveSlotInput(
    [property: Description("The slot."), GlobalId("Slot")] string Id,
    int Version,
    [property: Description("The new start (UTC).")] DateTime StartsAt) : IVersionedInput;

public sealed record ResizeSlotInput(
    [property: Description("The slot."), GlobalId("Slot")] string Id,
    int Version,
    [property: Description("The new end (UTC).")] DateTime EndsAt) : IVersionedInput;

public sealed record RemoveSlotInput(
    [property: Description("The slot."), GlobalId("Slot")] string Id,
    int Version) : IVersionedInput;
