using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Webhooks;

namespace Summit.Graph.Data.Import;

/// <summary>
/// Writes an edition read from a page into the database, matching what is already stored: the event by slug,
/// a session by <see cref="SessionMatching"/> (slug, title, or a close title: a corrected title keeps its id), a day
/// by date, a slot by start time, and a presenter by <see cref="PresenterMatching"/>.
/// Values are only assigned when they differ, so importing an unchanged page leaves every row and its version
/// untouched, and an edited page updates rows in place. What the page no longer holds (days, main-track slots,
/// published sessions, links, sponsors, presenter parts) is deleted. Runs in one transaction: a failing import
/// changes nothing; the webhook events of what anonymous readers see change are queued in the same transaction, when
/// an outbox is given, and an import that changes rows raises the content version (<see cref="ContentVersionStore"/>) in it.
/// </summary>
public sealed class ProgrammeImporter(SummitDbContext db, MarkdownRenderer markdown, WebhookOutbox? outbox = null)
{
    /// <summary>
    /// Imports the edition; unless <paramref name="options"/> allow removals, an import that would remove content
    /// writes nothing and says what it would remove (<see cref="ImportSummary.Removals"/>).
    /// </summary>
    public async Task<ImportSummary> ImportAsync(EventContent content, ImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        db.IncludeDrafts = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ContentWriteLock.AcquireAsync(db, cancellationToken);

        var ev = await db.Events.WithWholeProgramme()
            .SingleOrDefaultAsync(e => e.Slug == content.Slug, cancellationToken);
        if (ev is null)
        {
            ev = new Event { Slug = content.Slug, Name = content.Name };
            db.Events.Add(ev);
        }

        var history = new ImportHistory(ev);
        ApplyEvent(ev, content);
        var slotsBySession = ApplyDays(ev, content);
        var matching = new PresenterMatching(db, ev);
        var presenters = await LoadPresentersAsync(content, matching, history, cancellationToken);
        var slugs = content.Sessions.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        var sessions = new SessionMatching(ev, content);
        foreach (var sessionContent in content.Sessions)
        {
            var session = sessions.StoredFor(sessionContent);
            if (session is null)
            {
                session = new Session { Slug = sessionContent.Slug, Title = sessionContent.Title, Status = PublicationStatus.Published, CreatedAt = DateTime.UtcNow };
                ev.Sessions.Add(session);
            }

            Set(session.Slug, sessionContent.Slug, v => session.Slug = v);
            ApplySession(session, sessionContent, slotsBySession.GetValueOrDefault(sessionContent.Slug), presenters);
        }

        // A published session the page no longer holds was taken off the programme (deleted as an editor deletes, so it
        // can be restored); drafts were never on a page.
        var removedAt = DateTime.UtcNow;
        foreach (var session in ev.Sessions.Where(s => s.Status == PublicationStatus.Published && !slugs.Contains(s.Slug)))
        {
            session.DeletedAt = removedAt;
        }

        var changes = db.ChangeTracker.Entries().Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        var removals = history.Removals();
        var edits = history.Changes();
        var write = !options.DryRun && (removals.Count == 0 || options.AllowRemovals);
        var stored = default((long Version, long PublicVersion));
        if (write)
        {
            await db.SaveChangesAsync(cancellationToken);
            history.WriteRevisions(db, options.Author);
            await db.SaveChangesAsync(cancellationToken);
            if (outbox is not null)
            {
                await outbox.AddAsync(db, [.. history.WebhookEvents()], cancellationToken);
            }

            if (changes > 0)
            {
                stored = await ContentVersionStore.RaiseAsync(db, isPublic: true, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var live = ev.Sessions.Where(s => s.DeletedAt is null).ToList();
        return new ImportSummary(ev.Slug, ev.Days.Count, ev.Days.Sum(d => d.Slots.Count), live.Count, presenters.Count, CountLinks(content), changes)
        {
            LikelyDuplicates = matching.LikelyDuplicates,
            Notes = sessions.Corrections,
            Removals = removals,
            Changes = edits,
            Written = write,
            StoredVersions = stored,
        };
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
        Set(ev.Wording, content.Wording, v => ev.Wording = v);

        var localHours = content.LocalHours.Select(h => (h.Zone, h.DailyStart, h.DailyEnd)).ToList();
        if (!ev.LocalHours.Select(h => (h.Zone, h.DailyStart, h.DailyEnd)).SequenceEqual(localHours))
        {
            ev.LocalHours = [.. content.LocalHours.Select(h => new LocalHours { Zone = h.Zone, DailyStart = h.DailyStart, DailyEnd = h.DailyEnd })];
        }

        SyncList(ev.Sponsors, content.Sponsors,
            (row, item) => row.Name == item.Name && row.Url == item.Url,
            (item, position) => new Sponsor { Name = item.Name, Url = item.Url, Position = position },
            (row, _, position) => Set(row.Position, position, v => row.Position = v));
        SyncLinks(ev.Links, content.WhatsNextLinks);
    }

    private Dictionary<string, Slot> ApplyDays(Event ev, EventContent content)
    {
        var days = content.Days;
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

            // A day without slots yet (an announced edition) spans the daily hours.
            var (startsAt, endsAt) = dayContent.Slots.Count > 0
                ? (dayContent.Slots.Min(s => s.StartsAt), dayContent.Slots.Max(s => s.EndsAt))
                : (dayContent.Date.ToDateTime(content.DailyStart, DateTimeKind.Utc), dayContent.Date.ToDateTime(content.DailyEnd, DateTimeKind.Utc));
            Set(day.StartsAt, startsAt, v => day.StartsAt = v);
            Set(day.EndsAt, endsAt, v => day.EndsAt = v);

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

    /// <summary>
    /// The presenter of each person on the page, keyed by the person's slug. A page gives a person's details as
    /// it knew them: the details it gives replace the stored ones, and those it leaves out are kept.
    /// </summary>
    private async Task<Dictionary<string, Presenter>> LoadPresentersAsync(EventContent content, PresenterMatching matching, ImportHistory history, CancellationToken cancellationToken)
    {
        var presenters = new Dictionary<string, Presenter>(StringComparer.Ordinal);
        foreach (var person in content.Sessions.SelectMany(s => s.People).Select(p => p.Person).DistinctBy(p => p.Slug))
        {
            var presenter = await matching.FindOrAddAsync(person, cancellationToken);
            await history.RememberAsync(db, presenter, cancellationToken);
            Set(presenter.Name, person.Name, v => presenter.Name = v);
            SetGiven(presenter.JobTitle, person.JobTitle, v => presenter.JobTitle = v);
            SetGiven(presenter.Company, person.Company, v => presenter.Company = v);
            SetGiven(presenter.Twitter, person.Twitter, v => presenter.Twitter = v);
            SetGiven(presenter.GitHub, person.GitHub, v => presenter.GitHub = v);
            SetGiven(presenter.LinkedIn, person.LinkedIn, v => presenter.LinkedIn = v);
            SetGiven(presenter.Website, person.Website, v => presenter.Website = v);
            presenters.Add(person.Slug, presenter);
        }

        return presenters;
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

        // A page may name one person twice in a session; they take part once, in the first place named.
        var wanted = content.People.DistinctBy(p => p.Person.Slug)
            .Select((p, position) => (Presenter: presenters[p.Person.Slug], p.Role, p.Credit, Position: position)).ToList();
        var wantedIds = wanted.Select(w => w.Presenter.Id).Where(id => id != 0).ToHashSet();
        foreach (var part in session.Presenters.Where(sp => !wantedIds.Contains(sp.PresenterId)).ToList())
        {
            session.Presenters.Remove(part);
            db.Remove(part);
        }

        foreach (var (presenter, role, credit, position) in wanted)
        {
            var part = session.Presenters.SingleOrDefault(sp => presenter.Id != 0 && sp.PresenterId == presenter.Id);
            if (part is null)
            {
                session.Presenters.Add(new SessionPresenter { Presenter = presenter, Role = role, Position = position, Credit = credit });
                continue;
            }

            Set(part.Role, role, v => part.Role = v);
            Set(part.Position, position, v => part.Position = v);
            Set(part.Credit, credit, v => part.Credit = v);
        }

        SyncLinks(session.Links, content.Links);
    }

    private void SyncLinks(List<Link> links, IReadOnlyList<LinkContent> wanted) =>
        SyncList(links, wanted,
            (row, item) => row.Kind == item.Kind && row.Url == item.Url && row.Label == item.Label,
            (item, position) => new Link { Kind = item.Kind, Url = item.Url, Label = item.Label, Markdown = item.Markdown, Position = position },
            (row, item, position) =>
            {
                Set(row.Position, position, v => row.Position = v);
                Set(row.Markdown, item.Markdown, v => row.Markdown = v);
            });

    /// <summary>Makes <paramref name="rows"/> hold one row per wanted item, in order, keeping and updating rows that already match.</summary>
    private void SyncList<TRow, TItem>(List<TRow> rows, IReadOnlyList<TItem> wanted, Func<TRow, TItem, bool> matches,
        Func<TItem, int, TRow> create, Action<TRow, TItem, int> update)
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
            update(row, wanted[position], position);
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

    /// <summary>Assigns a detail the page gives; one it leaves out keeps its stored value.</summary>
    private static void SetGiven(string? current, string? given, Action<string> assign)
    {
        if (given is not null && current != given)
        {
            assign(given);
        }
    }
}

/// <summary>What one import wrote (or, when <see cref="Written"/> is false, would write): the edition's size after it, and how many rows it added, changed or removed.</summary>
public sealed record ImportSummary(string EventSlug, int Days, int Slots, int Sessions, int People, int Links, int RowsChanged)
{
    /// <summary>False for a dry run, and for an import stopped because it would remove <see cref="Removals"/>.</summary>
    public bool Written { get; init; } = true;

    /// <summary>The stored content versions (of every change, of public ones) the import raised in its transaction; zeros when it changed nothing.</summary>
    public (long Version, long PublicVersion) StoredVersions { get; init; }

    /// <summary>Content the import removes (or would have): see <see cref="ImportHistory.Removals"/>.</summary>
    public IReadOnlyList<string> Removals { get; init; } = [];

    /// <summary>Each session added, changed or removed: see <see cref="ImportHistory.Changes"/>.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>People imported as new presenters although a presenter of the same name exists (see <see cref="PresenterMatching"/>).</summary>
    public IReadOnlyList<string> LikelyDuplicates { get; init; } = [];

    /// <summary>What the import decided that a reader of the report should know, such as a title taken for a correction (see <see cref="SessionMatching"/>).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
