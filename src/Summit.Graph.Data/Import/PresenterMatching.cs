using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Import;

/// <summary>
/// Finds the stored presenter a person on a page is, across editions, by a rule that would rather keep two
/// presenters than merge two different people. The candidates are the presenters with the person's slug or a
/// numbered variant of it ("ada-example-2"); the first that applies wins:
/// <list type="number">
/// <item>one already presenting in this edition: the page names one person once, so re-importing is stable;</item>
/// <item>one sharing the person's GitHub login or Twitter handle;</item>
/// <item>one with the same company (compared without case), whose handles do not contradict the person's;</item>
/// <item>one whose company or the person's is unknown, whose handles do not contradict: nothing tells them apart.</item>
/// </list>
/// A person matching none, although a presenter of the same name exists, is a new presenter with the next free
/// numbered slug, and is reported as a likely duplicate for an editor to check; so is a new presenter whose name is
/// a letter or two from a stored one's with the same company or handle (see <see cref="PresenterDuplicates"/>).
/// </summary>
public sealed partial class PresenterMatching(SummitDbContext db, Event edition)
{
    private readonly List<string> likelyDuplicates = [];
    private readonly List<Presenter> added = [];

    public IReadOnlyList<string> LikelyDuplicates => likelyDuplicates;

    public async Task<Presenter> FindOrAddAsync(PersonContent person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var prefix = person.Slug + "-";
        var stored = await db.Presenters
            .Where(p => p.Slug == person.Slug || p.Slug.StartsWith(prefix))
            .ToListAsync(cancellationToken);
        var candidates = stored.Concat(added)
            .Where(p => p.Slug == person.Slug || (p.Slug.StartsWith(prefix, StringComparison.Ordinal) && NumberedVariant().IsMatch(p.Slug[prefix.Length..])))
            .Distinct()
            .ToList();
        var presentingHere = edition.Sessions.SelectMany(s => s.Presenters).Select(sp => sp.Presenter).OfType<Presenter>().ToHashSet();
        var match = candidates.FirstOrDefault(presentingHere.Contains)
            ?? candidates.FirstOrDefault(p => SharesHandle(p, person))
            ?? candidates.FirstOrDefault(p => !HandlesDisagree(p, person) && Same(p.Company, person.Company))
            ?? candidates.FirstOrDefault(p => !HandlesDisagree(p, person) && (p.Company is null || person.Company is null));
        if (match is not null)
        {
            return match;
        }

        var slug = candidates.Count == 0 ? person.Slug : NextFreeSlug(person.Slug, candidates);
        if (candidates.Count > 0)
        {
            var others = string.Join("; ", candidates.Select(p => $"'{p.Slug}' has the same name, but {Differences(p, person)}"));
            likelyDuplicates.Add($"{person.Name} ({person.Company ?? "no company"}) was imported as the new presenter '{slug}': {others}.");
        }

        var presenter = new Presenter { Slug = slug, Name = person.Name };
        if (candidates.Count == 0)
        {
            await ReportCloseNamesAsync(person, slug, cancellationToken);
        }

        db.Presenters.Add(presenter);
        added.Add(presenter);
        return presenter;
    }

    /// <summary>A new presenter whose name is a letter or two from a stored one sharing their company or a handle: a misspelling, most likely.</summary>
    private async Task ReportCloseNamesAsync(PersonContent person, string slug, CancellationToken cancellationToken)
    {
        var company = person.Company?.ToUpperInvariant();
#pragma warning disable CA1862 // EF Core translates ToUpper for every provider; string.Equals with a StringComparison it cannot.
        var sharing = await db.Presenters
            .Where(p => (company != null && p.Company != null && p.Company.ToUpper() == company)
                || (person.GitHub != null && p.GitHub == person.GitHub) || (person.Twitter != null && p.Twitter == person.Twitter))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1862
        foreach (var stored in sharing.Concat(added).Distinct())
        {
            if (PresenterDuplicates.Reason(stored, person.Name, person.Company, person.GitHub, person.Twitter) is { } reason)
            {
                likelyDuplicates.Add($"{person.Name} ({person.Company ?? "no company"}) was imported as the new presenter '{slug}', but '{stored.Slug}' has {reason}; "
                    + "if they are one person, merge them with mergePresenters.");
            }
        }
    }

    /// <summary>What tells a stored presenter of the same name apart from the person: the details that disagree.</summary>
    private static string Differences(Presenter presenter, PersonContent person)
    {
        var differences = new List<string>();
        if (Differ(presenter.GitHub, person.GitHub))
        {
            differences.Add($"another GitHub login ('{presenter.GitHub}', not '{person.GitHub}')");
        }

        if (Differ(presenter.Twitter, person.Twitter))
        {
            differences.Add($"another Twitter handle ('{presenter.Twitter}', not '{person.Twitter}')");
        }

        if (Differ(presenter.Company, person.Company))
        {
            differences.Add($"another company ('{presenter.Company}', not '{person.Company}')");
        }

        // A candidate is only set apart by a disagreeing handle or company; without the former, say no handle joins them.
        return string.Join(" and ", differences) + (HandlesDisagree(presenter, person) ? "" : " and no shared GitHub or Twitter handle");
    }

    private static bool SharesHandle(Presenter presenter, PersonContent person) =>
        Same(presenter.GitHub, person.GitHub) || Same(presenter.Twitter, person.Twitter);

    private static bool HandlesDisagree(Presenter presenter, PersonContent person) =>
        Differ(presenter.GitHub, person.GitHub) || Differ(presenter.Twitter, person.Twitter);

    // Stored values are normalised as pages are, so an invisible character an earlier import kept tells nobody apart.
    private static bool Same(string? stored, string? given) =>
        stored is not null && given is not null && string.Equals(TextNormalization.Clean(stored), given, StringComparison.OrdinalIgnoreCase);

    private static bool Differ(string? stored, string? given) =>
        stored is not null && given is not null && !string.Equals(TextNormalization.Clean(stored), given, StringComparison.OrdinalIgnoreCase);

    private static string NextFreeSlug(string slug, List<Presenter> taken)
    {
        var number = 2;
        while (taken.Any(p => p.Slug == $"{slug}-{number}"))
        {
            number++;
        }

        return $"{slug}-{number}";
    }

    [GeneratedRegex(@"^\d+\z")]
    private static partial Regex NumberedVariant();
}
