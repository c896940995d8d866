using Summit.Graph.Content;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Import;

/// <summary>Two presenter records that are probably one person, and why.</summary>
public sealed record LikelyDuplicate(Presenter Presenter, Presenter Other, string Reason);

/// <summary>
/// Finds presenter records that are probably one person: names at most <see cref="MaxLettersApart"/> letters apart
/// (a misspelt "Kowalczk" for "Kowalczyk", or the same name) that share a company, a GitHub login or a Twitter handle;
/// and records of the same name that the importer kept apart ("ada-example" and "ada-example-2"). Pairs are only
/// compared within a shared company, handle or name, so finding them stays cheap with thousands of people.
/// </summary>
public static class PresenterDuplicates
{
    /// <summary>How many letters two names may differ by and still be one person's.</summary>
    public const int MaxLettersApart = 2;

    /// <summary>Names shorter than this (as slugs) are too short for a letter or two to be a typo rather than another name.</summary>
    private const int MinNameLength = 6;

    /// <summary>Every likely duplicate among <paramref name="presenters"/>, each pair once, the earlier record first.</summary>
    public static IReadOnlyList<LikelyDuplicate> Among(IReadOnlyList<Presenter> presenters)
    {
        ArgumentNullException.ThrowIfNull(presenters);
        var groups = presenters.GroupBy(p => Key("company", p.Company))
            .Concat(presenters.GroupBy(p => Key("github", p.GitHub)))
            .Concat(presenters.GroupBy(p => Key("twitter", p.Twitter)))
            .Concat(presenters.GroupBy(p => Key("name", Slugs.From(p.Name, "person"))))
            .Where(group => group.Key is not null && group.Count() > 1);
        var found = new Dictionary<(int, int), LikelyDuplicate>();
        foreach (var group in groups)
        {
            var members = group.OrderBy(p => p.Id).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (!found.ContainsKey((members[i].Id, members[j].Id)) && Reason(members[i], members[j]) is { } reason)
                    {
                        found[(members[i].Id, members[j].Id)] = new LikelyDuplicate(members[i], members[j], reason);
                    }
                }
            }
        }

        return [.. found.Values.OrderBy(d => d.Presenter.Name, StringComparer.Ordinal).ThenBy(d => d.Other.Name, StringComparer.Ordinal)];
    }

    /// <summary>Why <paramref name="stored"/> and a person named <paramref name="name"/> with these details are probably one person; null when nothing says so.</summary>
    public static string? Reason(Presenter stored, string name, string? company, string? gitHub, string? twitter)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(name);
        var (first, second) = (Slugs.From(stored.Name, "person"), Slugs.From(name, "person"));
        var apart = EditDistance.Between(first, second);
        var shared = Same(stored.GitHub, gitHub) ? $"the GitHub login '{gitHub}'"
            : Same(stored.Twitter, twitter) ? $"the Twitter handle '{twitter}'"
            : Same(stored.Company, company) ? $"the company '{company}'"
            : null;
        return apart switch
        {
            0 => $"the same name{(shared is null ? "" : $" and {shared}")}",
            <= MaxLettersApart when shared is not null && Math.Min(first.Length, second.Length) >= MinNameLength =>
                $"names {apart} letter{(apart == 1 ? "" : "s")} apart ('{stored.Name}', '{name}') and {shared}",
            _ => null,
        };
    }

    private static string? Reason(Presenter first, Presenter second) => Reason(first, second.Name, second.Company, second.GitHub, second.Twitter);

    private static string? Key(string kind, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{kind}:{TextNormalization.Clean(value).ToUpperInvariant()}";

    private static bool Same(string? first, string? second) =>
        first is not null && second is not null && string.Equals(TextNormalization.Clean(first), TextNormalization.Clean(second), StringComparison.OrdinalIgnoreCase);
}
