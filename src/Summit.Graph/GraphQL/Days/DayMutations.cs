using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Slots;
using static Summit.Graph.GraphQL.Common.Mutations.MutationDefinition;

namespace Summit.Graph.GraphQL.Days;

/// <summary>Days of an edition: one per date, with the hours its slots must fit in.</summary>
public static class DayMutations
{
    private const string Type = "Day";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add("addDay", "Adds a day to an edition.")
            .Id("eventId", "The edition.")
            .Input("startsAt", "DateTime", "When the day's programme starts (UTC); its date is the day's date.", required: true)
            .Input("endsAt", "DateTime", "When the day's programme ends (UTC).", required: true)
            .Errors(NotFound)
            .Returns("day", DayModel.Instance, "The new day.")
            .Handle(AddAsync);

        mutations.Add("updateDay", "Changes a day's hours; its slots must still fit.")
            .Id("id", "The day.")
            .Version("day")
            .Input("startsAt", "DateTime", "When the day's programme starts (UTC).")
            .Input("endsAt", "DateTime", "When the day's programme ends (UTC).")
            .Errors(NotFound, Conflict)
            .Returns("day", DayModel.Instance, "The changed day.")
            .Handle(UpdateAsync);

        mutations.Add("removeDay", "Removes a day without slots; remove its slots first.")
            .Id("id", "The day.")
            .Version("day")
            .Errors(NotFound, Conflict)
            .Returns("day", DayModel.Instance, "Always null: the day is removed.")
            .Handle(RemoveAsync);
    }

    private static async Task<MutationResult> AddAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var eventId = input.Id("eventId", "Event");
        input.ThrowIfInvalid();
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Days), eventId, "Event", cancellationToken);
        var day = new Day { StartsAt = SlotMutations.Utc(input.Value<DateTime>("startsAt")), EndsAt = SlotMutations.Utc(input.Value<DateTime>("endsAt")) };
        day.Date = DateOnly.FromDateTime(day.StartsAt);
        ValidateHours(input, day);
        if (ev.Days.Any(d => d.Date == day.Date))
        {
            input.Problem("startsAt", $"The edition already has a day on {day.Date:yyyy-MM-dd}.");
        }

        input.ThrowIfInvalid();
        ev.Days.Add(day);
        scope.Record(Type, day, 0, RevisionOperation.Create, ["date", "startsAt", "endsAt"], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(day.Id);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(day, input.Value<int>("version"), Type);
        var before = new { day.Date, day.StartsAt, day.EndsAt };
        if (input.Has("startsAt"))
        {
            day.StartsAt = SlotMutations.Utc(input.Value<DateTime>("startsAt"));
        }

        if (input.Has("endsAt"))
        {
            day.EndsAt = SlotMutations.Utc(input.Value<DateTime>("endsAt"));
        }

        ValidateHours(input, day);
        if (DateOnly.FromDateTime(day.StartsAt) != day.Date)
        {
            input.Problem("startsAt", $"A day's programme starts on its own date, {day.Date:yyyy-MM-dd}.");
        }

        if (day.Slots.FirstOrDefault(s => s.StartsAt < day.StartsAt || s.EndsAt > day.EndsAt) is { } outside)
        {
            input.Problem("startsAt", $"The slot from {outside.StartsAt:HH:mm} to {outside.EndsAt:HH:mm}Z would fall outside the day; move it first.");
        }

        input.ThrowIfInvalid();
        if (scope.Db.Entry(day).State == EntityState.Modified)
        {
            scope.Record(Type, day, day.Version, RevisionOperation.Update, ["startsAt", "endsAt"], before);
        }

        return new MutationResult(day.Id);
    }

    private static async Task<MutationResult> RemoveAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        input.ThrowIfInvalid();
        var day = await scope.FindAsync(scope.Db.Days.Include(d => d.Slots), id, Type, cancellationToken);
        scope.ExpectVersion(day, input.Value<int>("version"), Type);
        if (day.Slots.Count > 0)
        {
            input.Problem("id", $"The day still has {day.Slots.Count} slots; remove them first.");
            input.ThrowIfInvalid();
        }

        scope.Record(Type, day, day.Version, RevisionOperation.Delete, ["deleted"], new { day.EventId, day.Date, day.StartsAt, day.EndsAt });
        scope.Db.Days.Remove(day);
        return new MutationResult(null);
    }

    private static void ValidateHours(MutationInput input, Day day)
    {
        if (day.EndsAt <= day.StartsAt)
        {
            input.Problem("endsAt", "A day must end after it starts.");
        }
        else if (day.EndsAt - day.StartsAt > TimeSpan.FromHours(24))
        {
            input.Problem("endsAt", "A day's programme lasts at most 24 hours.");
        }
    }
}
