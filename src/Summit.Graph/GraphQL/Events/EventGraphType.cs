using GraphQL;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Sessions;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Events;

public sealed class EventGraphType : EntityGraphType<Event>
{
    private static readonly ChildLink<Day, Day> DayLinks = ChildLink.Of(db => db.Days, d => d.EventId, d => d);
    private static readonly ChildLink<Session, Session> SessionLinks = ChildLink.Of(db => db.Sessions, s => s.EventId, s => s);
    private static readonly ChildLink<Sponsor, Sponsor> SponsorLinks = ChildLink.Of(db => db.Sponsors, s => s.EventId, s => s);
    private static readonly ChildLink<Link, Link> LinkLinks = ChildLink.Of(db => db.Links.Where(l => l.EventId != null), l => l.EventId!.Value, l => l);

    public EventGraphType()
        : base("Event", "One edition of the summit: its dates, days, sessions and sponsors.", e => e.Id)
    {
        Column("slug", e => e.Slug, "The edition's URL name, for example `kubevirt-summit-2021`.");
        Column("name", e => e.Name, "The edition's name.");
        Column("permalink", e => e.Permalink, "The path of the edition's page on the website.", nullable: true);
        Projected<NonNullGraphType<RichTextGraphType>, RichText>("description", e => e.Description, "What the edition is about.");
        Column("timeZone", e => e.TimeZone, "The zone the programme's times are written in on the page (the API always answers in UTC).");
        Projected<NonNullGraphType<ListGraphType<NonNullGraphType<LocalHoursGraphType>>>, List<LocalHours>>("localHours", e => e.LocalHours,
            "The daily hours in the other zones the page shows next to UTC.");
        Column("startDate", e => e.StartDate, "The first day.");
        Column("endDate", e => e.EndDate, "The last day.");
        Column("dailyStart", e => e.DailyStart, "When each day starts, UTC.");
        Column("dailyEnd", e => e.DailyEnd, "When each day ends, UTC.");
        Column("slotMinutes", e => e.SlotMinutes, "The planned length of a time slot, in minutes.");
        Column("whatsNext", e => e.WhatsNextMarkdown, "The closing \"What's next?\" text, in Markdown.", nullable: true);
        Column("version", e => e.Version, "Increases with every change; pass it back when updating.");

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DayGraphType>>>>("days")
            .Description("The days of the edition, in order.")
            .Resolve(context => context.Queries().Children(context, DayModel.Instance, context.Source.Id, DayLinks))
            .FieldType.WithFilterAndOrder(DayModel.Instance).WithAssumedSize(3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionGraphType>>>>("sessions")
            .Description("The sessions of the edition, in programme order.")
            .Resolve(context => context.Queries().Children(context, SessionModel.Instance, context.Source.Id, SessionLinks))
            .FieldType.WithFilterAndOrder(SessionModel.Instance).WithAssumedSize(50);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SponsorGraphType>>>>("sponsors")
            .Description("The edition's sponsors.")
            .Resolve(context => context.Queries().Children(context, SponsorModel.Instance, context.Source.Id, SponsorLinks))
            .FieldType.WithAssumedSize(20);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkGraphType>>>>("links")
            .Description("The links of the closing \"What's next?\" section.")
            .Resolve(context => context.Queries().Children(context, LinkModel.Instance, context.Source.Id, LinkLinks))
            .FieldType.WithFilterAndOrder(LinkModel.Instance);
    }
}

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
