using Summit.Graph.Content;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Import;

/// <summary>
/// Finds the stored session each session of a page is, so that a session keeps its id (and its calendar UID) from
/// one version of a page to the next. The first rule that applies wins, and a stored session is matched once:
/// <list type="number">
/// <item>the same slug (the page's anchor, or its title made a slug);</item>
/// <item>the same title, under a slug the page does not use: a full page filling in a schedule-only one;</item>
/// <item>a close title, under a slug the page does not use: a corrected title. Titles at least
/// <see cref="CloseTitle"/> alike anywhere in the edition, or <see cref="CloseTitleInTheSameSlot"/> alike when the
/// stored session holds the slot the page gives the session.</item>
/// </list>
/// Drafts are only matched by slug: they were never on a page.
/// </summary>
public sealed class SessionMatching
{
    /// <summary>How alike two title slugs must be (one minus their edit distance over the longer length) to be one session.</summary>
    public const double CloseTitle = 0.8;

    /// <summary>How alike two title slugs must be to be one session when it keeps its slot.</summary>
    public const double CloseTitleInTheSameSlot = 0.5;

    private readonly Dictionary<SessionContent, Session> matches = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> corrections = [];

    public SessionMatching(Event edition, EventContent content)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(content);
        var onThePage = content.Sessions.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        var slotStarts = content.Days.SelectMany(day => day.Slots)
            .SelectMany(slot => slot.SessionSlugs.Select(slug => (slug, slot.StartsAt)))
            .ToDictionary(pair => pair.slug, pair => pair.StartsAt, StringComparer.Ordinal);
        var unclaimed = edition.Sessions.ToList();

        foreach (var session in content.Sessions)
        {
            Claim(session, unclaimed.FirstOrDefault(s => s.Slug == session.Slug), unclaimed);
        }

        var movable = unclaimed.Where(s => s.Status == PublicationStatus.Published && !onThePage.Contains(s.Slug)).ToList();
        foreach (var session in content.Sessions.Where(s => !matches.ContainsKey(s)))
        {
            var titles = TitleSlugs(session.Title, session.ProgrammeTitle);
            Claim(session, movable.FirstOrDefault(s => TitleSlugs(s.Title, s.ProgrammeTitle).Overlaps(titles)), movable);
        }

        foreach (var session in content.Sessions.Where(s => !matches.ContainsKey(s)))
        {
            var slot = slotStarts.GetValueOrDefault(session.Slug);
            var closest = movable
                .Select(stored => (Stored: stored, Likeness: Likeness(stored, session), SameSlot: stored.Slot?.StartsAt == slot))
                .Where(candidate => candidate.Likeness >= (candidate.SameSlot ? CloseTitleInTheSameSlot : CloseTitle))
                .OrderByDescending(candidate => candidate.SameSlot).ThenByDescending(candidate => candidate.Likeness)
                .FirstOrDefault();
            if (closest.Stored is not null)
            {
                corrections.Add($"'{closest.Stored.Title}' is now '{session.Title}': the same session (a close title{(closest.SameSlot ? " in the same slot" : "")}), "
                    + $"its id kept{(closest.Stored.Slug == session.Slug ? "" : $" and its slug '{closest.Stored.Slug}' now '{session.Slug}'")}.");
                Claim(session, closest.Stored, movable);
            }
        }
    }

    /// <summary>What the import should tell: titles taken for corrections of stored ones.</summary>
    public IReadOnlyList<string> Corrections => corrections;

    /// <summary>The stored session <paramref name="session"/> is, or null for a new one.</summary>
    public Session? StoredFor(SessionContent session) => matches.GetValueOrDefault(session);

    private static double Likeness(Session stored, SessionContent session) =>
        (from storedTitle in TitleSlugs(stored.Title, stored.ProgrammeTitle)
         from title in TitleSlugs(session.Title, session.ProgrammeTitle)
         select EditDistance.Similarity(storedTitle, title)).Max();

    private static HashSet<string> TitleSlugs(string title, string? programmeTitle) =>
        new[] { title, programmeTitle }.OfType<string>().Select(t => Slugs.From(t, ProgrammeTitles.SlugKind)).ToHashSet(StringComparer.Ordinal);

    private void Claim(SessionContent session, Session? stored, List<Session> pool)
    {
        if (stored is not null)
        {
            matches[session] = stored;
            pool.Remove(stored);
        }
    }
}
