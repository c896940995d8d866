using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.Data.Webhooks;

namespace Summit.Graph.Data.Import;

/// <summary>How an import runs.</summary>
/// <param name="Source">Where the page came from (its file name), for the revisions' author: <c>import FILE</c>.</param>
public sealed record ImportOptions(string Source)
{
    /// <summary>Write even when the page would remove content (abstracts, people, links, sessions) the edition holds.</summary>
    public bool AllowRemovals { get; init; }

    /// <summary>Work out every change and report it, but write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The author of the import's revisions: "import" and the file, at most as long as an author may be.</summary>
    public string Author => $"import {Source}" is var author && author.Length > 100 ? author[..100] : $"import {Source}";
}

/// <summary>
/// What an import does, seen as an editor's changes. Every object the import may touch is remembered as it was
/// before: the edition, its days, slots and sessions, and each stored person the page names. Afterwards the history
/// tells which objects were added, changed (which fields) or removed, what content would be lost, and writes one
/// revision per changed object with its full content before (the same snapshots editors' revisions keep), so that
/// <c>restoreSessionRevision</c>, <c>restoreSession</c> and <c>restorePresenterRevision</c> undo an import as they
/// undo any edit, and an edition's, day's or slot's earlier content is kept too.
/// </summary>
public sealed class ImportHistory
{
    private readonly Dictionary<object, State> before = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Session, SessionContent> sessionsBefore = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> editionLinks;
    private IReadOnlyList<Edit>? edits;

    public ImportHistory(Event edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        Edition = edition;
        if (edition.Id != 0)
        {
            Remember(edition);
        }

        foreach (var day in edition.Days)
        {
            Remember(day);
            day.Slots.ForEach(Remember);
        }

        foreach (var session in edition.Sessions)
        {
            Remember(session);
            sessionsBefore[session] = SessionContent.Of(session);
        }

        editionLinks = [.. edition.Links.Select(link => link.Url)];
    }

    private Event Edition { get; }

    /// <summary>Remembers a stored person the page names, with their roles in every edition, before the import changes their details.</summary>
    public async Task RememberAsync(SummitDbContext db, Presenter presenter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(presenter);
        if (presenter.Id == 0 || before.ContainsKey(presenter))
        {
            return;
        }

        await db.Entry(presenter).Collection(p => p.Sessions).LoadAsync(cancellationToken);
        Remember(presenter);
    }

    /// <summary>Content the import takes away: abstracts emptied, people and links dropped, sessions removed.</summary>
    public IReadOnlyList<string> Removals()
    {
        var removals = new List<string>();
        foreach (var (session, content) in sessionsBefore)
        {
            if (session.DeletedAt is not null)
            {
                removals.Add($"the session '{content.Title}' (with {Count(content.People.Count, "presenter")} and {Count(content.Links.Count, "link")})");
                continue;
            }

            if (content.Abstract.Length > 0 && session.Abstract.Markdown.Length == 0)
            {
                removals.Add($"the abstract of '{content.Title}'");
            }

            var people = session.Presenters.Select(part => part.Presenter?.Slug).ToHashSet(StringComparer.Ordinal);
            removals.AddRange(content.People.Where(person => !people.Contains(person.Key)).Select(person => $"{person.Value} as a presenter of '{content.Title}'"));
            var links = session.Links.Select(link => link.Url).ToHashSet(StringComparer.Ordinal);
            removals.AddRange(content.Links.Where(link => !links.Contains(link.Url)).Select(link => $"the {link.Kind.ToString().ToLowerInvariant()} link {link.Url} of '{content.Title}'"));
        }

        var remaining = Edition.Links.Select(link => link.Url).ToHashSet(StringComparer.Ordinal);
        removals.AddRange(editionLinks.Where(url => !remaining.Contains(url)).Select(url => $"the link {url} of the edition"));
        return removals;
    }

    /// <summary>
    /// Each object the import adds, changes (naming the fields) or removes: "session 'Title': abstract changed". Call it
    /// once the page is applied and before saving: the changes are worked out then (a new object is one without an id yet).
    /// </summary>
    public IReadOnlyList<string> Changes() =>
        [.. Edits().Select(edit => $"{edit.Kind.Noun} '{edit.Name}': {edit.Operation switch
        {
            RevisionOperation.Create => "added",
            RevisionOperation.Delete => "removed",
            _ => $"{string.Join(", ", edit.Fields)} changed",
        }}")];

    /// <summary>Adds a revision for every object in <see cref="Changes"/>; call after saving, when new objects have ids.</summary>
    public void WriteRevisions(SummitDbContext db, string author)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTime.UtcNow;
        foreach (var edit in Edits())
        {
            db.Revisions.Add(new Revision
            {
                EntityType = edit.Kind.TypeName,
                EntityId = ((IVersioned)edit.Entity).Id,
                Version = edit.Before?.Version ?? 0,
                Operation = edit.Operation,
                Author = author,
                CreatedAt = now,
                ChangedFields = string.Join(',', edit.Fields),
                PreviousContent = edit.Before is null ? null : RevisionSnapshots.Write(edit.Before.Snapshot),
            });
        }
    }

    /// <summary>
    /// The webhook events of what the import added, changed or removed that anonymous readers see or saw; call after
    /// saving. A session by its status before and after; the edition, its days and slots, and the people of the page's
    /// (published) sessions are public.
    /// </summary>
    public IEnumerable<WebhookEvent> WebhookEvents() =>
        Edits()
            .Select(edit => (edit, Action: edit.Entity is Session session
                ? WebhookActions.Of(
                    (edit.Before?.Snapshot as SessionSnapshot)?.Status == PublicationStatus.Published,
                    session is { Status: PublicationStatus.Published, DeletedAt: null },
                    session.DeletedAt is not null)
                : edit.Operation switch
                {
                    RevisionOperation.Create => WebhookActions.Published,
                    RevisionOperation.Delete => WebhookActions.Deleted,
                    _ => WebhookActions.Changed,
                }))
            .Where(change => change.Action is not null)
            .Select(change => WebhookEvent.About((IVersioned)change.edit.Entity, change.edit.Kind.TypeName, change.Action!, Edition.Slug));

    /// <summary>
    /// Every object added, changed or removed, in a stable order: the edition, its days, slots, sessions, then people.
    /// A session is removed when deleted (restorable), a day or slot when the edition no longer holds it; people are
    /// never removed by an import.
    /// </summary>
    private IReadOnlyList<Edit> Edits() => edits ??= [.. WorkOutEdits()];

    private IEnumerable<Edit> WorkOutEdits()
    {
        var days = Edition.Days.ToHashSet();
        var slots = Edition.Days.SelectMany(day => day.Slots).ToHashSet();
        var people = Edition.Sessions.Where(s => s.DeletedAt is null).SelectMany(s => s.Presenters).Select(part => part.Presenter).OfType<Presenter>();
        IEnumerable<object> current = [Edition, .. Edition.Days, .. slots, .. Edition.Sessions, .. people];
        var removed = before.Keys.Where(entity => entity is Day day ? !days.Contains(day) : entity is Slot slot && !slots.Contains(slot))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return current.Concat(removed).Distinct(ReferenceEqualityComparer.Instance).OrderBy(entity => Kind.Of(entity!).Order)
            .Select(entity => EditOf(entity!, removed.Contains(entity!))).OfType<Edit>();
    }

    /// <summary>The edit of one object; <paramref name="dropped"/> when it is a day or slot the edition no longer holds.</summary>
    private Edit? EditOf(object entity, bool dropped)
    {
        var kind = Kind.Of(entity);
        if (!before.TryGetValue(entity, out var state))
        {
            // A stored object the import did not remember is one it left alone: a person of a draft session.
            return ((IVersioned)entity).Id == 0 ? new Edit(kind, entity, kind.Name(entity), null, RevisionOperation.Create, ["created"]) : null;
        }

        if (dropped || entity is Session { DeletedAt: not null })
        {
            return new Edit(kind, entity, state.Name, state, RevisionOperation.Delete, ["deleted"]);
        }

        var now = kind.Fields(entity);
        var changed = state.Fields.Where(field => now[field.Key] != field.Value).Select(field => field.Key).ToList();
        return changed.Count == 0 ? null : new Edit(kind, entity, kind.Name(entity), state, RevisionOperation.Update, changed);
    }

    private void Remember(object entity)
    {
        var kind = Kind.Of(entity);
        before[entity] = new State(((IVersioned)entity).Version, kind.Name(entity), kind.Snapshot(entity), kind.Fields(entity));
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");

    /// <summary>An object as it was before the import: its version, what the report calls it, its revision snapshot and its fields as comparable text.</summary>
    private sealed record State(int Version, string Name, object Snapshot, IReadOnlyDictionary<string, string> Fields);

    private sealed record Edit(Kind Kind, object Entity, string Name, State? Before, RevisionOperation Operation, IReadOnlyList<string> Fields);

    /// <summary>What a session held before the import that the removal check compares: its title, abstract, people (slug to name) and links.</summary>
    private sealed record SessionContent(string Title, string Abstract, IReadOnlyDictionary<string, string> People, IReadOnlyList<Link> Links)
    {
        public static SessionContent Of(Session session) => new(
            session.Title, session.Abstract.Markdown,
            session.Presenters.Where(part => part.Presenter is not null).ToDictionary(part => part.Presenter!.Slug, part => part.Presenter!.Name, StringComparer.Ordinal),
            [.. session.Links]);
    }

    /// <summary>
    /// How each kind of object is named in the report and in revisions, snapshotted, and compared: by the fields a
    /// revision names, as text (a slot by its start, people by slug, role and credit, links by kind, URL and label).
    /// </summary>
    private sealed record Kind(string TypeName, string Noun, int Order, Func<object, string> Name, Func<object, object> Snapshot, Func<object, Dictionary<string, string>> Fields)
    {
        private static readonly Kind EventKind = new(nameof(Event), "edition", 0, e => ((Event)e).Name, e => EventSnapshot.Of((Event)e), e => FieldsOf((Event)e));
        private static readonly Kind DayKind = new(nameof(Day), "day", 1, d => Text(((Day)d).Date), d => DaySnapshot.Of((Day)d), d => FieldsOf((Day)d));
        private static readonly Kind SlotKind = new(nameof(Slot), "slot", 2, s => ((Slot)s).StartsAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture), s => SlotSnapshot.Of((Slot)s), s => FieldsOf((Slot)s));
        private static readonly Kind SessionKind = new(nameof(Session), "session", 3, s => ((Session)s).Title, s => SessionSnapshot.Of((Session)s), s => FieldsOf((Session)s));
        private static readonly Kind PresenterKind = new(nameof(Presenter), "presenter", 4, p => ((Presenter)p).Name, p => PresenterSnapshot.Of((Presenter)p), p => FieldsOf((Presenter)p));

        public static Kind Of(object entity) => entity switch
        {
            Event => EventKind,
            Day => DayKind,
            Slot => SlotKind,
            Session => SessionKind,
            Presenter => PresenterKind,
            _ => throw new ArgumentException($"An import does not keep revisions of {entity.GetType().Name}.", nameof(entity)),
        };

        private static Dictionary<string, string> FieldsOf(Event e) => new(StringComparer.Ordinal)
        {
            ["name"] = e.Name,
            ["permalink"] = e.Permalink ?? "",
            ["description"] = e.Description.Markdown,
            ["timeZone"] = e.TimeZone,
            ["startDate"] = Text(e.StartDate),
            ["endDate"] = Text(e.EndDate),
            ["dailyStart"] = Text(e.DailyStart),
            ["dailyEnd"] = Text(e.DailyEnd),
            ["slotMinutes"] = Text(e.SlotMinutes),
            ["whatsNext"] = e.WhatsNextMarkdown ?? "",
            ["sponsors"] = string.Join('\n', e.Sponsors.OrderBy(s => s.Position).Select(s => $"{s.Name} {s.Url}")),
            ["links"] = Lines(e.Links),
        };

        private static Dictionary<string, string> FieldsOf(Day d) => new(StringComparer.Ordinal)
        {
            ["startsAt"] = Text(d.StartsAt),
            ["endsAt"] = Text(d.EndsAt),
        };

        private static Dictionary<string, string> FieldsOf(Slot s) => new(StringComparer.Ordinal)
        {
            ["startsAt"] = Text(s.StartsAt),
            ["endsAt"] = Text(s.EndsAt),
        };

        private static Dictionary<string, string> FieldsOf(Session s) => new(StringComparer.Ordinal)
        {
            ["slug"] = s.Slug,
            ["title"] = s.Title,
            ["programmeTitle"] = s.ProgrammeTitle ?? "",
            ["kind"] = s.Kind.ToString(),
            ["abstract"] = s.Abstract.Markdown,
            ["slot"] = s.Slot is null ? "" : Text(s.Slot.StartsAt),
            ["presenters"] = string.Join('\n', s.Presenters.OrderBy(part => part.Position).Select(part => $"{part.Presenter?.Slug} {part.Role} {part.Credit}")),
            ["links"] = Lines(s.Links),
        };

        private static Dictionary<string, string> FieldsOf(Presenter p) => new(StringComparer.Ordinal)
        {
            ["slug"] = p.Slug,
            ["name"] = p.Name,
            ["jobTitle"] = p.JobTitle ?? "",
            ["company"] = p.Company ?? "",
            ["twitter"] = p.Twitter ?? "",
            ["github"] = p.GitHub ?? "",
            ["linkedIn"] = p.LinkedIn ?? "",
            ["website"] = p.Website ?? "",
        };

        private static string Lines(IEnumerable<Link> links) => string.Join('\n', links.OrderBy(link => link.Position).Select(link => $"{link.Kind} {link.Url} {link.Label}"));

        private static string Text(IFormattable value) => value.ToString(value is DateTime or DateOnly or TimeOnly ? "O" : null, CultureInfo.InvariantCulture);
    }
}
