using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Import;

/// <summary>
/// Writes an edition read from a page into the database, matching what is already stored by slug
/// (event, session, presenter), date (day) and start time (slot). Values are only assigned when they
/// differ, so importing an unchanged page leaves every row and its version untouched, and an edited
/// page updates rows in place. What the page no longer holds (days, main-track slots, published sessions,
/// links, sponsors, presenter parts) is deleted. Runs in one transaction: a failing import changes nothing.
/// </summary>
public sealed class ProgrammeImporter(SummitDbContext db, MarkdownRenderer markdown)
{
    public async Task<ImportSummary> ImportAsync(EventContent content, CancellationToken cancellationToken = default)
    {
        db.IncludeDrafts = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var ev = await db.Events
            .Include(e => e.Days).ThenInclude(d => d.Slots)
            .Include(e => e.Sessions).ThenInclude(s => s.Presenters)
            .Include(e => e.Sessions).ThenInclude(s => s.Links)
            .Include(e => e.Sponsors)
            .Include(e => e.Links)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Slug == content.Slug, cancellationToken);
        if (ev is null)
        {
            ev = new Event { Slug = content.Slug, Name = content.Name };
            db.Events.Add(ev);
        }

        ApplyEvent(ev, content);
        var slotsBySession = ApplyDays(ev, content.Days);
        var presenters = await LoadPresentersAsync(content, cancellationToken);
        foreach (var sessionContent in content.Sessions)
        {
            var session = ev.Sessions.SingleOrDefault(s => s.Slug == sessionContent.Slug);
            if (session is null)
            {
                session = new Session { Slug = sessionContent.Slug, Title = sessionContent.Title, Status = PublicationStatus.Published, CreatedAt = DateTime.UtcNow };
                ev.Sessions.Add(session);
            }

            ApplySession(session, sessionContent, slotsBySession.GetValueOrDefault(sessionContent.Slug), presenters);
        }

        // A published session the page no longer holds was taken off the programme; drafts were never on a page.
        var slugs = content.Sessions.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        RemoveAll(ev.Sessions, s => s.Status == PublicationStatus.Published && !slugs.Contains(s.Slug));

        var changes = db.ChangeTracker.Entries().Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportSummary(ev.Slug, ev.Days.Count, ev.Days.Sum(d => d.Slots.Count), ev.Sessions.Count, presenters.Count, CountLinks(content), changes);
    }

    private static int CountLinks(EventContent content) =>
        content.Sessions.Sum(s => s.Links.Count) + content.WhatsNextLinks.Count;

    private void ApplyEvent(Event ev, EventContent content)
    {
        Set(ev.Name, content.Name, v => ev.Name = v);
        Set(ev.Permalink, content.Permalink, v => ev.Permalink = v);
        ApplyRichText(ev.Description, content.DescriptionMarkdown);
        Set(ev.TimeZone, content.TimeZone, v => ev.TimeZone = v);
        Set(ev.StartDate, content.StartDate, v => ev.StartDate = v);
        Set(ev.EndDate, content.EndDate, v => ev.EndDate = v);
        Set(ev.DailyStart, content.DailyStart, v => ev.DailyStart = v);
        Set(ev.DailyEnd, content.DailyEnd, v => ev.DailyEnd = v);
        Set(ev.SlotMinutes, content.SlotMinutes, v => ev.SlotMinutes = v);
        Set(ev.WhatsNextMarkdown, content.WhatsNextMarkdown, v => ev.WhatsNextMarkdown = v);

        var localHours = content.LocalHours.Select(h => (h.Zone, h.DailyStart, h.DailyEnd)).ToList();
        if (!ev.LocalHours.Select(h => (h.Zone, h.DailyStart, h.DailyEnd)).SequenceEqual(localHours))
        {
            ev.LocalHours = [.. content.LocalHours.Select(h => new LocalHours { Zone = h.Zone, DailyStart = h.DailyStart, DailyEnd = h.DailyEnd })];
        }

        SyncList(ev.Sponsors, content.Sponsors,
            (row, item) => row.Name == item.Name && row.Url == item.Url,
            (item, position) => new Sponsor { Name = item.Name, Url = item.Url, Position = position },
            (row, position) => Set(row.Position, position, v => row.Position = v));
        SyncLinks(ev.Links, content.WhatsNextLinks);
    }

    private Dictionary<string, Slot> ApplyDays(Event ev, IReadOnlyList<DayContent> days)
    {
        var dates = days.Select(d => d.Date).ToHashSet();
        RemoveAll(ev.Days, d => !dates.Contains(d.Date));
        var slotsBySession = new Dictionary<string, Slot>(StringComparer.Ordinal);
        foreach (var dayContent in days)
        {
            var day = ev.Days.SingleOrDefault(d => d.Date == dayContent.Date);
            if (day is null)
            {
                day = new Day { Date = dayContent.Date };
                ev.Days.Add(day);
            }

            if (dayContent.Slots.Count > 0)
            {
                Set(day.StartsAt, dayContent.Slots.Min(s => s.StartsAt), v => day.StartsAt = v);
                Set(day.EndsAt, dayContent.Slots.Max(s => s.EndsAt), v => day.EndsAt = v);
            }

            // Only main-track slots come from a page; parallel tracks are the editors'.
            var starts = dayContent.Slots.Select(s => s.StartsAt).ToHashSet();
            RemoveAll(day.Slots, s => s.Track == null && !starts.Contains(s.StartsAt));
            foreach (var slotContent in dayContent.Slots)
            {
                var slot = day.Slots.SingleOrDefault(s => s.StartsAt == slotContent.StartsAt && s.Track == null);
                if (slot is null)
                {
                    slot = new Slot { StartsAt = slotContent.StartsAt, EndsAt = slotContent.EndsAt };
                    day.Slots.Add(slot);
                }

                Set(slot.EndsAt, slotContent.EndsAt, v => slot.EndsAt = v);
                foreach (var slug in slotContent.SessionSlugs)
                {
                    slotsBySession[slug] = slot;
                }
            }
        }

        return slotsBySession;
    }

    private async Task<Dictionary<string, Presenter>> LoadPresentersAsync(EventContent content, CancellationToken cancellationToken)
    {
        var people = content.Sessions.SelectMany(s => s.People).Select(p => p.Person)
            .DistinctBy(p => p.Slug).ToList();
        var slugs = people.Select(p => p.Slug).ToList();
        var stored = await db.Presenters.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, cancellationToken);
        foreach (var person in people)
        {
            if (!stored.TryGetValue(person.Slug, out var presenter))
            {
                presenter = new Presenter { Slug = person.Slug, Name = person.Name };
                db.Presenters.Add(presenter);
                stored.Add(person.Slug, presenter);
            }

            Set(presenter.Name, person.Name, v => presenter.Name = v);
            Set(presenter.JobTitle, person.JobTitle, v => presenter.JobTitle = v);
            Set(presenter.Company, person.Company, v => presenter.Company = v);
            Set(presenter.Twitter, person.Twitter, v => presenter.Twitter = v);
            Set(presenter.GitHub, person.GitHub, v => presenter.GitHub = v);
            Set(presenter.LinkedIn, person.LinkedIn, v => presenter.LinkedIn = v);
            Set(presenter.Website, person.Website, v => presenter.Website = v);
        }

        return stored;
    }

    private void ApplySession(Session session, SessionContent content, Slot? slot, Dictionary<string, Presenter> presenters)
    {
        Set(session.Title, content.Title, v => session.Title = v);
        Set(session.ProgrammeTitle, content.ProgrammeTitle, v => session.ProgrammeTitle = v);
        Set(session.Kind, content.Kind, v => session.Kind = v);
        ApplyRichText(session.Abstract, content.AbstractMarkdown);
        if (slot is not null && !ReferenceEquals(session.Slot, slot))
        {
            session.Slot = slot;
        }

        var wanted = content.People.Select((p, position) => (Presenter: presenters[p.Person.Slug], p.Role, Position: position)).ToList();
        var wantedIds = wanted.Select(w => w.Presenter.Id).Where(id => id != 0).ToHashSet();
        foreach (var part in session.Presenters.Where(sp => !wantedIds.Contains(sp.PresenterId)).ToList())
        {
            session.Presenters.Remove(part);
            db.Remove(part);
        }

        foreach (var (presenter, role, position) in wanted)
        {
            var part = session.Presenters.SingleOrDefault(sp => presenter.Id != 0 && sp.PresenterId == presenter.Id);
            if (part is null)
            {
                session.Presenters.Add(new SessionPresenter { Presenter = presenter, Role = role, Position = position });
                continue;
            }

            Set(part.Role, role, v => part.Role = v);
            Set(part.Position, position, v => part.Position = v);
        }

        SyncLinks(session.Links, content.Links);
    }

    private void SyncLinks(List<Link> links, IReadOnlyList<LinkContent> wanted) =>
        SyncList(links, wanted,
            (row, item) => row.Kind == item.Kind && row.Url == item.Url && row.Label == item.Label,
            (item, position) => new Link { Kind = item.Kind, Url = item.Url, Label = item.Label, Position = position },
            (row, position) => Set(row.Position, position, v => row.Position = v));

    /// <summary>Makes <paramref name="rows"/> hold one row per wanted item, in order, keeping rows that already match.</summary>
    private void SyncList<TRow, TItem>(List<TRow> rows, IReadOnlyList<TItem> wanted, Func<TRow, TItem, bool> matches,
        Func<TItem, int, TRow> create, Action<TRow, int> setPosition)
        where TRow : class
    {
        var unmatched = new List<TRow>(rows);
        for (var position = 0; position < wanted.Count; position++)
        {
            var row = unmatched.FirstOrDefault(r => matches(r, wanted[position]));
            if (row is null)
            {
                rows.Add(create(wanted[position], position));
                continue;
            }

            unmatched.Remove(row);
            setPosition(row, position);
        }

        RemoveAll(rows, unmatched.Contains);
    }

    /// <summary>Deletes the rows, not just their link to the parent: an orphaned row would break its foreign key or check constraint.</summary>
    private void RemoveAll<TRow>(List<TRow> rows, Func<TRow, bool> removed)
        where TRow : class
    {
        foreach (var row in rows.Where(removed).ToList())
        {
            rows.Remove(row);
            db.Remove(row);
        }
    }

    private void ApplyRichText(RichText richText, string markdownText)
    {
        if (richText.Markdown == markdownText)
        {
            return;
        }

        var rendered = markdown.Render(markdownText);
        richText.Markdown = markdownText;
        richText.Html = rendered.Html;
        richText.PlainText = rendered.PlainText;
    }

    private static void Set<T>(T current, T wanted, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, wanted))
        {
            assign(wanted);
        }
    }
}

/// <summary>What one import wrote: the edition's size after it, and how many rows it added, changed or removed.</summary>
public sealed record ImportSummary(string EventSlug, int Days, int Slots, int Sessions, int People, int Links, int RowsChanged);
