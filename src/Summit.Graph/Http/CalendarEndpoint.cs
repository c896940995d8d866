using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Content.Model;
using Summit.Graph.Data;

namespace Summit.Graph.Http;

/// <summary>Section <c>Calendar</c>: where the sessions' pages live, for the feed's URLs.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The website the events' permalinks are relative to; a session's page is its event's permalink plus <c>#slug</c>.</summary>
    public Uri SiteUrl { get; set; } = new("https://kubevirt.io");
}

/// <summary>
/// <c>GET /events/{slug}/calendar.ics</c>: an iCalendar feed (RFC 5545) with one event per scheduled, published
/// session, in UTC. The UID is stable (<c>session-{id}@summit-graph</c>) and SEQUENCE is the session's version,
/// so subscribed calendars update the events they hold when a session changes.
/// </summary>
public static class CalendarEndpoint
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static WebApplication MapSummitCalendar(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/events/{slug}/calendar.ics", WriteAsync);
        return app;
    }

    private static async Task<IResult> WriteAsync(string slug, IDbContextFactory<SummitDbContext> contexts, IOptions<CalendarOptions> options, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(includeDrafts: false);
        var ev = await db.Events.AsNoTracking()
            .Where(e => e.Slug == slug)
            .Select(e => new { e.Id, e.Name, e.Permalink })
            .SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return Results.NotFound();
        }

        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.EventId == ev.Id && s.Slot != null)
            .OrderBy(s => s.Slot!.StartsAt).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Title,
                Abstract = s.Abstract.PlainText,
                s.Version,
                s.UpdatedAt,
                s.Slot!.StartsAt,
                s.Slot.EndsAt,
                Recording = s.Links.Where(l => l.Kind == LinkKind.Recording).OrderBy(l => l.Position).Select(l => l.Url).FirstOrDefault(),
                Presenters = s.Presenters.OrderBy(sp => sp.Position).Select(sp => new { sp.Presenter!.Name, sp.Presenter.Company }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var calendar = new Calendar { ProductId = "-//Summit.Graph//Summit programme//EN" };
        calendar.AddProperty("X-WR-CALNAME", ev.Name);
        var eventPage = new Uri(options.Value.SiteUrl, ev.Permalink ?? "/");
        foreach (var session in sessions)
        {
            var presenters = string.Join(", ", session.Presenters.Select(p => p.Company is null ? p.Name : $"{p.Name} ({p.Company})"));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"session-{session.Id}@summit-graph",
                Sequence = session.Version,
                Summary = session.Title,
                Description = presenters.Length == 0 ? session.Abstract : $"{session.Abstract}\n\nPresented by {presenters}".TrimStart(),
                Start = Utc(session.StartsAt),
                End = Utc(session.EndsAt),
                DtStamp = Utc(session.UpdatedAt),
                LastModified = Utc(session.UpdatedAt),
                Url = session.Recording is not null ? new Uri(session.Recording) : new Uri(eventPage, $"#{session.Slug}"),
            });
        }

        return Results.Text(new CalendarSerializer().SerializeToString(calendar), ContentType);
    }

    /// <summary>A stored time as an iCalendar UTC time ("20210209T140000Z"), to the second.</summary>
    private static CalDateTime Utc(DateTime utc) =>
        new(DateTime.SpecifyKind(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc), CalDateTime.UtcTzId);
}
