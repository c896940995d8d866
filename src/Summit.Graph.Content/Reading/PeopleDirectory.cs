using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Gathers every mention of every person on a page and merges mentions with the same slug into one
/// <see cref="PersonContent"/>, so that a speaker of several sessions is one person carrying all the
/// details any of the mentions gave.
/// </summary>
public sealed class PeopleDirectory
{
    private readonly List<(PersonMention Mention, int Line)> mentions = [];
    private Dictionary<string, PersonContent>? people;

    /// <summary>The people of all the sessions, merged.</summary>
    public static PeopleDirectory Of(IEnumerable<SessionSection> sessions, LineLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var people = new PeopleDirectory();
        foreach (var mention in sessions.SelectMany(session => session.People))
        {
            people.Add(mention.Person, mention.Line);
        }

        people.Merge(ledger);
        return people;
    }

    /// <summary>A mention's part in its session, naming the merged person; a layout without person lines gets one composed.</summary>
    public SessionPersonContent PartFor(RoleMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var person = PersonFor(mention.Person);
        return new SessionPersonContent(person, mention.Role, mention.Credit ?? PeopleLineParser.Format(person));
    }

    public void Add(PersonMention mention, int line)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (people is not null)
        {
            throw new InvalidOperationException("Mentions cannot be added after the people were merged.");
        }

        mentions.Add((mention, line));
    }

    /// <summary>
    /// Merges the mentions. Where two mentions give different values for one detail the first is kept
    /// and the other is reported, since the page then contradicts itself.
    /// </summary>
    public void Merge(LineLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        people = [];
        foreach (var group in mentions.GroupBy(entry => entry.Mention.Slug))
        {
            var (first, firstLine) = group.First();
            var merged = new PersonContent
            {
                Slug = group.Key,
                Name = first.Name,
                JobTitle = first.JobTitle,
                Company = first.Company,
                Twitter = first.Twitter,
                GitHub = first.GitHub,
                LinkedIn = first.LinkedIn,
                Website = first.Website,
            };
            foreach (var (mention, line) in group.Skip(1))
            {
                merged = merged with
                {
                    JobTitle = Union(merged.JobTitle, mention.JobTitle, "job title", line, firstLine, ledger),
                    Company = Union(merged.Company, mention.Company, "company", line, firstLine, ledger),
                    Twitter = Union(merged.Twitter, mention.Twitter, "Twitter handle", line, firstLine, ledger),
                    GitHub = Union(merged.GitHub, mention.GitHub, "GitHub login", line, firstLine, ledger),
                    LinkedIn = Union(merged.LinkedIn, mention.LinkedIn, "LinkedIn profile", line, firstLine, ledger),
                    Website = Union(merged.Website, mention.Website, "website", line, firstLine, ledger),
                };
            }

            people[group.Key] = merged;
        }
    }

    /// <summary>The merged person for a mention; the same instance for every mention of that person.</summary>
    public PersonContent PersonFor(PersonMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return people is null
            ? throw new InvalidOperationException("People are only known once the mentions were merged.")
            : people[mention.Slug];
    }

    private static string? Union(string? kept, string? other, string detail, int line, int firstLine, LineLedger ledger)
    {
        if (kept is null || other is null || string.Equals(kept, other, StringComparison.Ordinal))
        {
            return kept ?? other;
        }

        ledger.Warn(line, $"This line gives the {detail} '{other}', line {firstLine} gives '{kept}' for the same person; '{kept}' was kept.");
        return kept;
    }
}
