using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Events;

/// <summary>An edition: the one declaration of its GraphQL surface.</summary>
public sealed class EventModel : EntityModel<Event>
{
    private static readonly ChildLink<Day, Day> DayLinks = ChildLink.Of(db => db.Days, d => d.EventId, d => d);
    private static readonly ChildLink<Session, Session> SessionLinks = ChildLink.Of(db => db.Sessions, s => s.EventId, s => s);
    private static readonly ChildLink<Sponsor, Sponsor> SponsorLinks = ChildLink.Of(db => db.Sponsors, s => s.EventId, s => s);
    private static readonly ChildLink<Link, Link> LinkLinks = ChildLink.Of(db => db.Links.Where(l => l.EventId != null), l => l.EventId!.Value, l => l);

    public static readonly EventModel Instance = new();

    /// <summary>The edition with the slug; the newest edition when the slug is null.</summary>
    public static readonly SlugLookup<Event> BySlug = new((db, slug, _) => db.Events
        .Where(e => slug == null || e.Slug == slug)
        .OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Id));

    private EventModel()
        : base("Event", "One edition of the summit: its dates, days, sessions and sponsors.", e => e.Id)
    {
        Column("slug", e => e.Slug, "The edition's URL name, for example `kubevirt-summit-2021`.");
        Column("name", e => e.Name, "The edition's name.");
        Column("permalink", e => e.Permalink, "The path of the edition's page on the website.");
        Object<NonNullGraphType<RichTextGraphType>, RichText>("description", e => e.Description, "What the edition is about.");
        Column("timeZone", e => e.TimeZone, "The zone the programme's times are written in on the page (the API always answers in UTC).");
        Object<NonNullGraphType<ListGraphType<NonNullGraphType<LocalHoursGraphType>>>, List<LocalHours>>("localHours", e => e.LocalHours,
            "The daily hours in the other zones the page shows next to UTC.");
        Column("startDate", e => e.StartDate, "The first day.");
        Column("endDate", e => e.EndDate, "The last day.");
        Column("dailyStart", e => e.DailyStart, "When each day starts, UTC.");
        Column("dailyEnd", e => e.DailyEnd, "When each day ends, UTC.");
        Column("slotMinutes", e => e.SlotMinutes, "The planned length of a time slot, in minutes.");
        Column("whatsNext", e => e.WhatsNextMarkdown, "The closing \"What's next?\" text, in Markdown.");
        Column("version", e => e.Version, "Increases with every change; pass it back when updating.");
        Column("updatedAt", e => e.UpdatedAt, "When the edition's own fields last changed (UTC, or in `timeZone`).");
        Collection("days", e => e.Days, () => DayModel.Instance, "The days of the edition, in order.", DayLinks, assumedSize: 3);
        Collection("sessions", e => e.Sessions, () => SessionModel.Instance, "The sessions of the edition, in programme order.", SessionLinks, assumedSize: 50);
        Children("sponsors", () => SponsorModel.Instance, "The edition's sponsors.", SponsorLinks, assumedSize: 20);
        Collection("links", e => e.Links, () => LinkModel.Instance, "The links of the closing \"What's next?\" section.", LinkLinks);
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(e => e.StartDate), Descending: true)];
}

public sealed class EventGraphType() : EntityGraphType<Event>(EventModel.Instance);

public sealed class LocalHoursGraphType : ObjectGraphType<LocalHours>
{
    public LocalHoursGraphType()
    {
        Name = "LocalHours";
        Description = "An edition's daily hours in another time zone, as its page prints them.";
        Field(h => h.Zone).Description("The zone's abbreviation as the page writes it, for example `CET`.");
        Field(h => h.DailyStart).Description("When each day starts in that zone.");
        Field(h => h.DailyEnd).Description("When each day ends in that zone.");
    }
}
