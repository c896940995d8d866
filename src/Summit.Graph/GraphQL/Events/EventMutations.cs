using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common.Mutations;
using static Summit.Graph.GraphQL.Common.Mutations.MutationDefinition;

namespace Summit.Graph.GraphQL.Events;

/// <summary>An edition's details and sponsors.</summary>
public static class EventMutations
{
    private const string Type = "Event";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add("updateEvent", "Changes an edition's details; omitted fields stay as they are.")
            .Id("id", "The edition.")
            .Version("edition")
            .Input("name", "String", "The edition's name.")
            .Input("description", "String", "What the edition is about, in Markdown.")
            .Input("timeZone", "String", "The zone the page writes the programme in.")
            .Input("slotMinutes", "Int", "The planned slot length in minutes (5 to 480).")
            .Input("whatsNext", "String", "The closing \"What's next?\" text, in Markdown.")
            .Errors(NotFound, Conflict)
            .Returns("event", EventModel.Instance, "The changed edition.")
            .Handle(UpdateAsync);

        mutations.Add("setEventSponsors", "Replaces an edition's sponsors with this list, in order.")
            .Id("id", "The edition.")
            .Version("edition")
            .InputList("sponsors", "SponsorInput", "The sponsors, in the order to show them.")
            .Errors(NotFound, Conflict)
            .Returns("event", EventModel.Instance, "The changed edition.")
            .Handle(SetSponsorsAsync);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        var name = input.Has("name") ? input.Text("name") : null;
        var description = input.Has("description") ? input.Markdown("description") : null;
        var whatsNext = input.Has("whatsNext") ? input.Markdown("whatsNext") : null;
        var timeZone = input.Has("timeZone") ? input.Text("timeZone", 64) : null;
        var slotMinutes = input.Value<int?>("slotMinutes");
        if (slotMinutes is < 5 or > 480)
        {
            input.Problem("slotMinutes", "Must be between 5 and 480 minutes.");
        }

        input.ThrowIfInvalid();
        // With its sponsors: the revision keeps the edition's full content.
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Sponsors), id, Type, cancellationToken);
        scope.ExpectVersion(ev, input.Value<int>("version"), Type);
        var before = Snapshot(ev);
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

    private static async Task<MutationResult> SetSponsorsAsync(EditScope scope, MutationInput input, CancellationToken cancellationToken)
    {
        var id = input.Id("id", Type);
        var sponsors = new List<Sponsor>();
        var items = input.Value<IEnumerable<object>>("sponsors") ?? [];
        foreach (var (item, index) in items.Select((item, index) => (item as IDictionary<string, object?>, index)))
        {
            var sponsorInput = new MutationInput(item ?? new Dictionary<string, object?>());
            var name = sponsorInput.Text("name");
            var url = sponsorInput.Url("url", required: true);
            foreach (var problem in sponsorInput.Problems)
            {
                input.Problem($"sponsors.{index}.{problem.Path[^1]}", problem.Message);
            }

            sponsors.Add(new Sponsor { Name = name, Url = url ?? "", Position = index });
        }

        input.ThrowIfInvalid();
        var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Sponsors), id, Type, cancellationToken);
        scope.ExpectVersion(ev, input.Value<int>("version"), Type);
        scope.Record(Type, ev, ev.Version, RevisionOperation.Update, ["sponsors"], Snapshot(ev));
        scope.Db.Sponsors.RemoveRange(ev.Sponsors);
        ev.Sponsors.Clear();
        ev.Sponsors.AddRange(sponsors);
        ev.UpdatedAt = DateTime.UtcNow;
        return new MutationResult(ev.Id);
    }

    private static object Snapshot(Event ev) => new
    {
        ev.Name,
        Description = ev.Description.Markdown,
        ev.TimeZone,
        ev.SlotMinutes,
        ev.WhatsNextMarkdown,
        Sponsors = ev.Sponsors.OrderBy(s => s.Position).Select(s => new { s.Name, s.Url }).ToList(),
    };
}

public sealed class SponsorInputGraphType : InputObjectGraphType
{
    public SponsorInputGraphType()
    {
        Name = "SponsorInput";
        Description = "A sponsor of an edition.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The sponsor's name.");
        Field<NonNullGraphType<StringGraphType>>("url").Description("The sponsor's website (absolute http or https).");
    }
}
