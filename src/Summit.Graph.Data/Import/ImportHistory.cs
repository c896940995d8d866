using System.Globalization;
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
/// What an import does to an edition's sessions, seen as an editor's changes: each session's state before the
/// import is kept, and after it the history tells which sessions were added, changed (which fields) or removed,
/// what content would be lost, and writes one revision per changed session with its content before, so that
/// <c>restoreSessionRevision</c> and <c>restoreSession</c> can undo an import as they undo any edit.
/// </summary>
public sealed class ImportHistory
{
    private readonly Dictionary<Session, SessionState> before = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> editionLinks;

    public ImportHistory(Event edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        foreach (var session in edition.Sessions)
        {
            before[session] = SessionState.Of(session);
        }

        editionLinks = [.. edition.Links.Select(link => link.Url)];
        Edition = edition;
    }

    private Event Edition { get; }

    /// <summary>Content the import takes away: abstracts emptied, people and links dropped, sessions removed.</summary>
    public IReadOnlyList<string> Removals()
    {
        var removals = new List<string>();
        foreach (var (session, state) in before)
        {
            if (session.DeletedAt is not null)
            {
                removals.Add($"the session '{state.Title}' (with {Count(state.People.Count, "presenter")} and {Count(state.Links.Count, "link")})");
                continue;
            }

            if (state.Abstract.Length > 0 && session.Abstract.Markdown.Length == 0)
            {
                removals.Add($"the abstract of '{state.Title}'");
            }

            var people = session.Presenters.Select(part => part.Presenter?.Slug).ToHashSet(StringComparer.Ordinal);
            removals.AddRange(state.People.Where(person => !people.Contains(person.Key)).Select(person => $"{person.Value} as a presenter of '{state.Title}'"));
            var links = session.Links.Select(link => link.Url).ToHashSet(StringComparer.Ordinal);
            removals.AddRange(state.Links.Where(link => !links.Contains(link.Url)).Select(link => $"the {link.Kind.ToString().ToLowerInvariant()} link {link.Url} of '{state.Title}'"));
        }

        var remaining = Edition.Links.Select(link => link.Url).ToHashSet(StringComparer.Ordinal);
        removals.AddRange(editionLinks.Where(url => !remaining.Contains(url)).Select(url => $"the link {url} of the edition"));
        return removals;
    }

    /// <summary>Each session the import adds, changes (naming the fields) or removes.</summary>
    public IReadOnlyList<string> Changes() =>
    [
        .. Edition.Sessions.Select(session => before.TryGetValue(session, out var state)
                ? session.DeletedAt is not null ? $"session '{state.Title}': removed"
                : state.ChangedFields(session) is { Count: > 0 } fields ? $"session '{session.Title}': {string.Join(", ", fields)} changed"
                : null
                : $"session '{session.Title}': added")
            .OfType<string>(),
    ];

    /// <summary>Adds a revision for every session the import added, changed or removed; call after saving, when new sessions have ids.</summary>
    public void WriteRevisions(SummitDbContext db, string author)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTime.UtcNow;
        foreach (var (session, operation, fields, state) in SessionChanges())
        {
            db.Revisions.Add(new Revision
            {
                EntityType = nameof(Session),
                EntityId = session.Id,
                Version = state?.Version ?? 0,
                Operation = operation,
                Author = author,
                CreatedAt = now,
                ChangedFields = string.Join(',', fields),
                PreviousContent = state is null ? null : RevisionSnapshots.Write(state.Snapshot),
            });
        }
    }

    /// <summary>The webhook events of the sessions the import added, changed or removed that anonymous readers see or saw; call after saving.</summary>
    public IEnumerable<WebhookEvent> WebhookEvents() =>
        SessionChanges()
            .Select(change => (change.Session, Action: WebhookActions.Of(
                change.State?.Snapshot.Status == PublicationStatus.Published,
                change.Session is { Status: PublicationStatus.Published, DeletedAt: null },
                change.Session.DeletedAt is not null)))
            .Where(change => change.Action is not null)
            .Select(change => new WebhookEvent(nameof(Session), change.Action!, change.Session.Id, change.Session.Slug, Edition.Slug, change.Session.Version));

    /// <summary>Each session the import added, changed or removed, with the revision's operation, fields and the state before.</summary>
    private IEnumerable<(Session Session, RevisionOperation Operation, IReadOnlyList<string> Fields, SessionState? State)> SessionChanges()
    {
        foreach (var session in Edition.Sessions)
        {
            var (operation, fields, state) = before.TryGetValue(session, out var found)
                ? session.DeletedAt is not null ? (RevisionOperation.Delete, ["deleted"], found) : (RevisionOperation.Update, found.ChangedFields(session), found)
                : (RevisionOperation.Create, (IReadOnlyList<string>)["created"], null);
            if (fields.Count > 0)
            {
                yield return (session, operation, fields, state);
            }
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");

    /// <summary>A session as it was before the import: its revision snapshot, and what its fields compare by.</summary>
    private sealed record SessionState(
        SessionSnapshot Snapshot, int Version, string Title, string Abstract,
        IReadOnlyDictionary<string, string> People, IReadOnlyList<Link> Links, IReadOnlyDictionary<string, string> Fields)
    {
        public static SessionState Of(Session session) => new(
            SessionSnapshot.Of(session), session.Version, session.Title, session.Abstract.Markdown,
            session.Presenters.Where(part => part.Presenter is not null).ToDictionary(part => part.Presenter!.Slug, part => part.Presenter!.Name, StringComparer.Ordinal),
            [.. session.Links],
            FieldsOf(session));

        public IReadOnlyList<string> ChangedFields(Session session)
        {
            var now = FieldsOf(session);
            return [.. Fields.Where(field => now[field.Key] != field.Value).Select(field => field.Key)];
        }

        /// <summary>The fields a revision names, as comparable text: a slot by its start, people by slug, role and credit.</summary>
        private static Dictionary<string, string> FieldsOf(Session session) => new(StringComparer.Ordinal)
        {
            ["slug"] = session.Slug,
            ["title"] = session.Title,
            ["programmeTitle"] = session.ProgrammeTitle ?? "",
            ["kind"] = session.Kind.ToString(),
            ["abstract"] = session.Abstract.Markdown,
            ["slot"] = session.Slot?.StartsAt.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["presenters"] = string.Join('\n', session.Presenters.OrderBy(part => part.Position).Select(part => $"{part.Presenter?.Slug} {part.Role} {part.Credit}")),
            ["links"] = string.Join('\n', session.Links.OrderBy(link => link.Position).Select(link => $"{link.Kind} {link.Url} {link.Label}")),
        };
    }
}
