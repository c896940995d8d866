using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Slots;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Days;

/// <summary>Days of an edition: one per date, with the hours its slots must fit in.</summary>
public static class DayMutations
{
    private const string Type = "Day";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<AddDayInput>("addDay", "Adds a day to an edition.")
            .Errors(NotFound)
            .Returns("day", DayModel.Instance, "The new day.")
            .Handle(AddAsync);

        mutations.Add<UpdateDayInput>("updateDay", "Changes a day's hours; its slots must still fit.")
            .Errors(NotFound)
            .Returns("day", DayModel.Instance, "The changed day.")
            .Handle(UpdateAsync);

        mutations.Add<RemoveDayInput>("removeDay", "Removes a day without slots; remove its slots first.")
            .Errors(NotFound)
            .Returns("day", DayModel.Instance, "Always null: the day is removed.")
            .Handle(RemoveAsync);
    }

    private static async Task<MutationResult> AddAsync(EditScope scope, MutationInput<AddDayInput> input, CancellationToken cancellationToken)
    {
        var eventId = input.Id(i => i.EventId);
        input.ThrowIfInvalid();
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Days), eventId, "Event", cancellationToken);
        var day = new Day { StartsAt = SlotMutations.Utc(input.Value.StartsAt), EndsAt = SlotMutations.Utc(input.Value.EndsAt) };
        day.Date = DateOnly.FromDateTime(day.StartsAt);
        ValidateHours(input, day);
        if (ev.Days.Any(d => d.Date == day.Date))
        {
            input.Problem(i => i.StartsAt, $"The edition already has a day on {day.Date:yyyy-MM-dd}.");
        }

        input.ThrowIfInvalid();
        ev.Days.Add(day);
        scope.Record(Type, day, 0, RevisionOperation.Create, ["date", "startsAt", "endsAt"], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(day.Id);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput<UpdateDayInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(day, input.Value.Version, Type);
        var before = DaySnapshot.Of(day);
        if (input.Value.StartsAt is { } startsAt)
        {
            day.StartsAt = SlotMutations.Utc(startsAt);
        }

        if (input.Value.EndsAt is { } endsAt)
        {
            day.EndsAt = SlotMutations.Utc(endsAt);
        }

        ValidateHours(input, day);
        if (DateOnly.FromDateTime(day.StartsAt) != day.Date)
        {
            input.Problem(i => i.StartsAt, $"A day's programme starts on its own date, {day.Date:yyyy-MM-dd}.");
        }

        if (day.Slots.FirstOrDefault(s => s.StartsAt < day.StartsAt || s.EndsAt > day.EndsAt) is { } outside)
        {
            input.Problem(i => i.StartsAt, $"The slot from {outside.StartsAt:HH:mm} to {outside.EndsAt:HH:mm}Z would fall outside the day; move it first.");
        }

        input.ThrowIfInvalid();
        if (scope.Db.Entry(day).State == EntityState.Modified)
        {
            scope.Record(Type, day, day.Version, RevisionOperation.Update, ["startsAt", "endsAt"], before);
        }

        return new MutationResult(day.Id);
    }

    private static async Task<MutationResult> RemoveAsync(EditScope scope, MutationInput<RemoveDayInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(day, input.Value.Version, Type);
        if (day.Slots.Count > 0)
        {
            input.Problem(i => i.Id, $"The day still has {day.Slots.Count} slots; remove them first.");
            input.ThrowIfInvalid();
        }

        scope.Record(Type, day, day.Version, RevisionOperation.Delete, ["deleted"], DaySnapshot.Of(day));
        scope.Db.Days.Remove(day);
        return new MutationResult(null);
    }

    private static readonly string EndsAt = InputTypes.FieldName(nameof(AddDayInput.EndsAt));

    private static void ValidateHours(MutationInput input, Day day)
    {
        if (day.EndsAt <= day.StartsAt)
        {
            input.Problem(EndsAt, "A day must end after it starts.");
        }
        else if (day.EndsAt - day.StartsAt > TimeSpan.FromHours(24))
        {
            input.Problem(EndsAt, "A day's programme lasts at most 24 hours.");
        }
    }
}

public sealed record AddDayInput(
    [property: Description("The edition."), GlobalId("Event")] string EventId,
    [property: Description("When the day's programme starts (UTC); its date is the day's date.")] DateTime StartsAt,
    [property: Description("When the day's programme ends (UTC).")] DateTime EndsAt);

public sealed record UpdateDayInput(
    [property: Description("The day."), GlobalId("Day")] string Id,
    int Version,
    [property: Description("When the day's programme starts (UTC).")] DateTime? StartsAt,
    [property: Description("When the day's programme ends (UTC).")] DateTime? EndsAt) : IVersionedInput;

public sealed record RemoveDayInput(
    [property: Description("The day."), GlobalId("Day")] string Id,
    int Version) : IVersionedInput;
