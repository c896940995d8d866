using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common.Mutations;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Events;

/// <summary>An edition's details and sponsors.</summary>
public static class EventMutations
{
    private const string Type = "Event";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<UpdateEventInput>("updateEvent", "Changes an edition's details; omitted fields stay as they are.")
            .Errors(NotFound)
            .Returns("event", EventModel.Instance, "The changed edition.")
            .Handle(UpdateAsync);

        mutations.Add<SetEventSponsorsInput>("setEventSponsors", "Replaces an edition's sponsors with this list, in order.")
            .Errors(NotFound)
            .Returns("event", EventModel.Instance, "The changed edition.")
            .Handle(SetSponsorsAsync);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput<UpdateEventInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var name = input.Has(i => i.Name) ? input.Text(i => i.Name) : null;
        var description = input.Has(i => i.Description) ? input.Markdown(i => i.Description) : null;
        var whatsNext = input.Has(i => i.WhatsNext) ? input.Markdown(i => i.WhatsNext) : null;
        var timeZone = input.Has(i => i.TimeZone) ? input.Text(i => i.TimeZone, 64) : null;
        var slotMinutes = input.Value.SlotMinutes;
        if (slotMinutes is < 5 or > 480)
        {
            input.Problem(i => i.SlotMinutes, "Must be between 5 and 480 minutes.");
        }

        input.ThrowIfInvalid();
        // With its sponsors and links: the revision keeps the edition's full content.
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Sponsors).Include(e => e.Links), id, Type, cancellationToken);
        scope.ExpectVersion(ev, input.Value.Version, Type);
        var before = EventSnapshot.Of(ev);
        var changed = new List<string>();
        if (name is not null && name != ev.Name)
        {
            ev.Name = name;
            changed.Add("name");
        }

        if (description is not null && description != ev.Description.Markdown)
        {
            ev.Description = scope.Render(description, "description");
            changed.Add("description");
        }

        if (timeZone is not null && timeZone != ev.TimeZone)
        {
            ev.TimeZone = timeZone;
            changed.Add("timeZone");
        }

        if (slotMinutes is { } minutes && minutes != ev.SlotMinutes)
        {
            ev.SlotMinutes = minutes;
            changed.Add("slotMinutes");
        }

        if (whatsNext is not null && whatsNext != ev.WhatsNextMarkdown)
        {
            ev.WhatsNextMarkdown = whatsNext;
            changed.Add("whatsNext");
        }

        if (changed.Count > 0)
        {
            scope.Record(Type, ev, ev.Version, RevisionOperation.Update, changed, before);
        }

        return new MutationResult(ev.Id);
    }

    private static async Task<MutationResult> SetSponsorsAsync(EditScope scope, MutationInput<SetEventSponsorsInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var sponsors = new List<Sponsor>();
        foreach (var (sponsor, index) in input.Items(i => i.Sponsors).Select((item, index) => (item, index)))
        {
            var name = sponsor.Text(s => s.Name);
            var url = sponsor.Url(s => s.Url, required: true);
            sponsors.Add(new Sponsor { Name = name, Url = url ?? "", Position = index });
        }

        input.ThrowIfInvalid();
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Sponsors).Include(e => e.Links), id, Type, cancellationToken);
        scope.ExpectVersion(ev, input.Value.Version, Type);
        scope.Record(Type, ev, ev.Version, RevisionOperation.Update, ["sponsors"], EventSnapshot.Of(ev));
        scope.Db.Sponsors.RemoveRange(ev.Sponsors);
        ev.Sponsors.Clear();
        ev.Sponsors.AddRange(sponsors);
        ev.UpdatedAt = DateTime.UtcNow;
        return new MutationResult(ev.Id);
    }
}

public sealed record UpdateEventInput(
    [property: Description("The edition."), GlobalId("Event")] string Id,
    int Version,
    [property: Description("The edition's name.")] string? Name,
    [property: Description("What the edition is about, in Markdown.")] string? Description,
    [property: Description("The zone the page writes the programme in.")] string? TimeZone,
    [property: Description("The planned slot length in minutes (5 to 480).")] int? SlotMinutes,
    [property: Description("The closing \"What's next?\" text, in Markdown.")] string? WhatsNext) : IVersionedInput;

public sealed record SetEventSponsorsInput(
    [property: Description("The edition."), GlobalId("Event")] string Id,
    int Version,
    [property: Description("The sponsors, in the order to show them.")] IReadOnlyList<SponsorInput> Sponsors) : IVersionedInput;

[Description("A sponsor of an edition.")]
public sealed record SponsorInput(
    [property: Description("The sponsor's name.")] string Name,
    [property: Description("The sponsor's website (absolute http or https).")] string Url);
