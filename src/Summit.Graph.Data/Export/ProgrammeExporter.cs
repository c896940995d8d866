using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Export;

/// <summary>
/// Reads an edition back out of the database as the content a page is written from: the inverse of
/// <see cref="Import.ProgrammeImporter"/>. Only published sessions are exported (pass a context without
/// drafts); sessions come in programme order, unscheduled ones last.
/// </summary>
public sealed class ProgrammeExporter(SummitDbContext db)
{
    public async Task<EventContent?> LoadAsync(string slug, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.WithWholeProgramme()
            .AsNoTracking()
            .SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        return ev is null ? null : ToContent(ev);
    }

    private static EventContent ToContent(Event ev)
    {
        var slots = ev.Days.SelectMany(d => d.Slots).ToDictionary(s => s.Id);
        var sessions = ev.Sessions
            .OrderBy(s => s.SlotId is null)
            .ThenBy(s => s.SlotId is { } slotId ? slots[slotId].StartsAt : default)
            .ThenBy(s => s.Id)
            .ToList();
        return new EventContent
        {
            Slug = ev.Slug,
            Name = ev.Name,
            Permalink = ev.Permalink,
            DescriptionMarkdown = ev.Description.Markdown,
            TimeZone = ev.TimeZone,
            LocalHours = [.. ev.LocalHours.Select(h => new LocalHoursContent(h.Zone, h.DailyStart, h.DailyEnd))],
            StartDate = ev.StartDate,
            EndDate = ev.EndDate,
            DailyStart = ev.DailyStart,
            DailyEnd = ev.DailyEnd,
            SlotMinutes = ev.SlotMinutes,
            Days = [.. ev.Days.OrderBy(d => d.Date).Select(d => new DayContent(d.Date, [.. d.Slots.OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
                .Select(s => new SlotContent(s.StartsAt, s.EndsAt, [.. sessions.Where(session => session.SlotId == s.Id).Select(session => session.Slug)], Line: 0))]))],
            Sessions = [.. sessions.Select(ToContent)],
            Sponsors = [.. ev.Sponsors.OrderBy(s => s.Position).Select(s => new SponsorContent(s.Name, s.Url))],
            WhatsNextMarkdown = ev.WhatsNextMarkdown,
            WhatsNextLinks = [.. ev.Links.OrderBy(l => l.Position).Select(ToContent)],
            Wording = ev.Wording,
        };
    }

    private static SessionContent ToContent(Session session) => new()
    {
        Slug = session.Slug,
        Title = session.Title,
        ProgrammeTitle = session.ProgrammeTitle,
        Kind = session.Kind,
        AbstractMarkdown = session.Abstract.Markdown,
        People = [.. session.Presenters.OrderBy(sp => sp.Position).Select(sp =>
        {
            var person = ToContent(sp.Presenter!);
            return new SessionPersonContent(person, sp.Role, sp.Credit ?? PeopleLineParser.Format(person));
        })],
        Links = [.. session.Links.OrderBy(l => l.Position).Select(ToContent)],
    };

    private static PersonContent ToContent(Presenter presenter) => new()
    {
        Slug = presenter.Slug,
        Name = presenter.Name,
        JobTitle = presenter.JobTitle,
        Company = presenter.Company,
        Twitter = presenter.Twitter,
        GitHub = presenter.GitHub,
        LinkedIn = presenter.LinkedIn,
        Website = presenter.Website,
    };

    private static LinkContent ToContent(Link link) => new(link.Kind, link.Url, link.Label, link.Markdown);
}
