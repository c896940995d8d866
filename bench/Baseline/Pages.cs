using System.Text;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Bench.Baseline;

/// <summary>The two pages as single EF Core projections, in the orders the GraphQL API documents.</summary>
internal static class Pages
{
    // LocalHours is projected whole: SQLite cannot reshape a JSON column's items inside a query (that needs APPLY).
    public static Task<ScheduleEvent?> ScheduleAsync(SummitDbContext db, string eventSlug, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking()
            .Where(e => e.Slug == eventSlug)
            .Select(e => new ScheduleEvent(e.Id, e.Slug, e.Name, e.StartDate, e.EndDate, e.LocalHours,
                e.Days.OrderBy(d => d.StartsAt).ThenBy(d => d.Id).Select(d => new ScheduleDay(d.Id, d.Date,
                    d.Slots.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => new ScheduleSlot(s.Id, s.StartsAt, s.EndsAt, s.Track,
                        s.Sessions.OrderBy(x => x.Title).ThenBy(x => x.Id).Select(x => new ScheduleSession(x.Id, x.Slug, x.Title, x.ProgrammeTitle, x.Kind,
                            x.Presenters.OrderBy(p => p.Position).ThenBy(p => p.PresenterId)
                                .Select(p => new ScheduleRole(p.Role, new SchedulePresenter(p.Presenter!.Id, p.Presenter.Slug, p.Presenter.Name, p.Presenter.Company))).ToList()))
                            .ToList())).ToList())).ToList()))
            .FirstOrDefaultAsync(cancellationToken);

    public static Task<SessionPage?> SessionAsync(SummitDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Sessions.AsNoTracking()
            .Where(s => s.Slug == slug)
            .OrderByDescending(s => s.Event!.StartDate)
            .Select(s => new SessionPage(s.Slug, s.Title, s.Kind, new HtmlText(s.Abstract.Html),
                s.Slot == null ? null : new SlotTimes(s.Slot.StartsAt, s.Slot.EndsAt),
                s.Links.OrderBy(l => l.Position).ThenBy(l => l.Id).Select(l => new SessionLink(l.Kind, l.Label, l.Url)).ToList(),
                s.Presenters.OrderBy(p => p.Position).ThenBy(p => p.Presenter!.Name).ThenBy(p => p.PresenterId)
                    .Select(p => new PresenterWithSessions(p.Presenter!.Slug, p.Presenter.Name, p.Presenter.JobTitle, p.Presenter.Company,
                        p.Presenter.Sessions.Select(o => o.Session!)
                            .OrderBy(o => o.Slot == null ? 0 : 1).ThenBy(o => o.Slot!.StartsAt).ThenBy(o => o.Title).ThenBy(o => o.Id)
                            .Select(o => new SessionTitle(o.Slug, o.Title)).ToList())).ToList()))
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed record ScheduleResponse(ScheduleData Data);
internal sealed record ScheduleData(ScheduleEvent? Event);
internal sealed record ScheduleEvent([property: JsonIgnore] int Key, string Slug, string Name, DateOnly StartDate, DateOnly EndDate, List<LocalHours> LocalHours, List<ScheduleDay> Days)
{
    [JsonPropertyOrder(-1)]
    public string Id => GlobalIds.Of("Event", Key);
}
internal sealed record ScheduleDay([property: JsonIgnore] int Key, DateOnly Date, List<ScheduleSlot> Slots)
{
    [JsonPropertyOrder(-1)]
    public string Id => GlobalIds.Of("Day", Key);
}
internal sealed record ScheduleSlot([property: JsonIgnore] int Key, DateTime StartsAt, DateTime EndsAt, string? Track, List<ScheduleSession> Sessions)
{
    [JsonPropertyOrder(-1)]
    public string Id => GlobalIds.Of("Slot", Key);
}
internal sealed record ScheduleSession([property: JsonIgnore] int Key, string Slug, string Title, string? ProgrammeTitle, SessionKind Kind, List<ScheduleRole> PresenterRoles)
{
    [JsonPropertyOrder(-1)]
    public string Id => GlobalIds.Of("Session", Key);
}
internal sealed record ScheduleRole(PresenterRole Role, SchedulePresenter Presenter);
internal sealed record SchedulePresenter([property: JsonIgnore] int Key, string Slug, string Name, string? Company)
{
    [JsonPropertyOrder(-1)]
    public string Id => GlobalIds.Of("Presenter", Key);
}

internal sealed record SessionPageResponse(SessionPageData Data);
internal sealed record SessionPageData(SessionPage? Session);
internal sealed record SessionPage(string Slug, string Title, SessionKind Kind, HtmlText Abstract, SlotTimes? Slot, List<SessionLink> Links, List<PresenterWithSessions> Presenters);
internal sealed record HtmlText(string Html);
internal sealed record SlotTimes(DateTime StartsAt, DateTime EndsAt);
internal sealed record SessionLink(LinkKind Kind, string Label, string Url);
internal sealed record PresenterWithSessions(string Slug, string Name, string? JobTitle, string? Company, List<SessionTitle> Sessions);
internal sealed record SessionTitle(string Slug, string Title);

/// <summary>Relay global IDs as the server writes them: base64 of <c>Type:id</c>.</summary>
internal static class GlobalIds
{
    public static string Of(string type, int key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));
}
