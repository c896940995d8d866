using System.Text;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>One person as described on one line of a page, before mentions of the same person are merged.</summary>
public sealed record PersonMention(
    string Name,
    string? JobTitle,
    string? Company,
    string? Twitter,
    string? GitHub,
    string? LinkedIn,
    string? Website)
{
    public string Name { get; init; } = TextNormalization.Clean(Name);

    public string? JobTitle { get; init; } = TextNormalization.CleanOrNull(JobTitle);

    public string? Company { get; init; } = TextNormalization.CleanOrNull(Company);

    public string? Twitter { get; init; } = TextNormalization.CleanOrNull(Twitter);

    public string? GitHub { get; init; } = TextNormalization.CleanOrNull(GitHub);

    public string? LinkedIn { get; init; } = TextNormalization.CleanOrNull(LinkedIn);

    public string? Website { get; init; } = TextNormalization.CleanOrNull(Website);

    public string Slug => Slugs.From(Name, "person");
}

/// <summary>
/// Reads a person line such as
/// <c>Alessandro Pilotti, CEO/CTO, Cloudbase Solutions, [@cloudbaseit](https://twitter.com/cloudbaseit), &lt;https://github.com/alexpilotti/&gt;</c>.
/// </summary>
/// <remarks>
/// The rule is structural, so it needs no list of known companies:
/// <list type="bullet">
/// <item>Twitter, GitHub and LinkedIn links become handles and are removed from the text; other links
/// become the website, and one written inside a phrase ("in mission at [www.ateme.com](…)") is replaced
/// by the name it stands for ("ateme").</item>
/// <item>What is left is split at commas, colons, semicolons, sentence-ending periods and spaced dashes;
/// legal suffixes ("Inc", "Ltd", "LLC", …) are joined back to the company before them.</item>
/// <item>The first part is the name, the last part the company and the parts between the job title.
/// A lone part after the name is the company, unless it reads "job title at company".</item>
/// </list>
/// </remarks>
public static partial class PeopleLineParser
{
    /// <summary>
    /// The label a line naming a session's speakers may start with, emphasised or not: "Presented by", "Presenter(s):",
    /// "Speaker(s):", "Hosted by", "Host(s):", in any case.
    /// </summary>
    public const string SpeakersLabelText = @"[*_]*(?:(?:Presented|Hosted) by\s*:?|Presenters?\s*:|Speakers?\s*:|Hosts?\s*:)[*_]*";

    /// <summary>The line without a leading <see cref="SpeakersLabelText"/>: "Speakers: Aiko Tanaka, Example Cloud" → "Aiko Tanaka, Example Cloud".</summary>
    public static string WithoutSpeakersLabel(string line) => SpeakersLabel().Replace(line, string.Empty, 1);

    public static PersonMention? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var profile = new ProfileLinks();
        var description = new StringBuilder();
        var position = 0;
        foreach (var link in MarkdownLinks.Find(text))
        {
            var before = text[position..link.Index];
            description.Append(before);
            var kept = profile.Take(link);
            var standsInPhrase = description.ToString().Trim().Length == 0
                || (kept == LinkRole.Website && EndsInWord().IsMatch(before));
            if (standsInPhrase)
            {
                description.Append(kept == LinkRole.Website ? NameBehind(link.Label) : link.Label);
            }

            position = link.Index + link.Length;
        }

        description.Append(text[position..]);
        var parts = SplitParts(Emphasis().Replace(EmptyParentheses().Replace(description.ToString(), string.Empty), string.Empty));
        if (parts.Count == 0)
        {
            return null;
        }

        var (jobTitle, company) = parts.Count switch
        {
            1 => (null, null),
            2 => SplitAt(parts[1]),
            _ => (string.Join(", ", parts.Skip(1).Take(parts.Count - 2)), parts[^1]),
        };
        return new PersonMention(parts[0], jobTitle, company, profile.Twitter, profile.GitHub, profile.LinkedIn, profile.Website);
    }

    /// <summary>
    /// A line naming several people who share one affiliation, such as "Li Wei, Jonas Eriksson &amp; Sara Holm, Contoso Systems":
    /// the names run up to the first comma after the <c>&amp;</c> (or "and") that joins the last two, and everything after
    /// it is the company. Without a joiner the line names one person and reads as <see cref="Parse"/> reads it.
    /// </summary>
    public static IReadOnlyList<PersonMention> ParseGroup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var joiner = NameJoiner().Match(text);
        if (!joiner.Success)
        {
            return Parse(text) is { } person ? [person] : [];
        }

        var comma = text.IndexOf(',', joiner.Index);
        var company = comma < 0 ? null : Plain(text[(comma + 1)..]);
        return [.. SplitNames(comma < 0 ? text : text[..comma])
            .Select(name => new PersonMention(name, null, string.IsNullOrEmpty(company) ? null : company, null, null, null, null))];
    }

    /// <summary>
    /// People listed with commas, <c>&amp;</c> or "and": "Aiko Tanaka, Ravi Menon", "Ravi Menon &amp;  Li Wei", or each with
    /// an affiliation of their own, "Jonas Berg, Acme Hosting &amp; Mei Lin, Acme Hosting": when every part joined by
    /// <c>&amp;</c> or "and" holds exactly one comma, the words after it are that person's company.
    /// </summary>
    public static IReadOnlyList<PersonMention> ParseNames(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var joined = NameJoiner().Split(text);
        if (joined.Length > 1 && joined.All(part => part.Count(character => character == ',') == 1))
        {
            return [.. joined.Select(part => part.Split(','))
                .Select(parts => new PersonMention(Plain(parts[0]), null, Plain(parts[1]), null, null, null, null))
                .Where(person => person.Name.Length > 0)];
        }

        return [.. SplitNames(text).Select(name => new PersonMention(name, null, null, null, null, null, null))];
    }

    /// <summary>Names listed with commas, <c>&amp;</c> or "and": "Aiko Tanaka, Ravi Menon", "Ravi Menon &amp;  Li Wei".</summary>
    private static List<string> SplitNames(string text) =>
        [.. NameSeparator().Split(text).Select(Plain).Where(name => name.Length > 0)];

    /// <summary>A name or company as plain text: without Markdown emphasis ("_Aiko Tanaka_", "**Contoso**"), on one line.</summary>
    private static string Plain(string text) => Whitespace().Replace(Emphasis().Replace(text, string.Empty), " ").Trim();

    /// <summary>The person line <see cref="Parse"/> reads back as <paramref name="person"/>: name, job title, company, then profile links.</summary>
    public static string Format(PersonContent person)
    {
        ArgumentNullException.ThrowIfNull(person);
        string?[] parts =
        [
            person.Name,
            person.JobTitle,
            person.Company,
            person.Twitter is null ? null : $"[@{person.Twitter}](https://twitter.com/{person.Twitter})",
            person.GitHub is null ? null : $"<https://github.com/{person.GitHub}>",
            person.LinkedIn is null ? null : $"[LinkedIn]({person.LinkedIn})",
            person.Website is null ? null : $"<{person.Website}>",
        ];
        return string.Join(", ", parts.OfType<string>());
    }

    /// <summary>True when <paramref name="line"/> names <paramref name="person"/> and gives no detail that contradicts theirs.</summary>
    public static bool Agrees(string line, PersonContent person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Parse(line) is { } mention
            && mention.Name == person.Name
            && Fits(mention.JobTitle, person.JobTitle)
            && Fits(mention.Company, person.Company)
            && Fits(mention.Twitter, person.Twitter)
            && Fits(mention.GitHub, person.GitHub)
            && Fits(mention.LinkedIn, person.LinkedIn)
            && Fits(mention.Website, person.Website);

        static bool Fits(string? written, string? current) => written is null || written == current;
    }

    private static (string? JobTitle, string? Company) SplitAt(string descriptor)
    {
        var at = descriptor.LastIndexOf(" at ", StringComparison.Ordinal);
        return at > 0 ? (descriptor[..at].Trim(), descriptor[(at + 4)..].Trim()) : (null, descriptor);
    }

    /// <summary>
    /// The parts between separators. A legal suffix joins the part before it as written, so that
    /// "Software Co.,Ltd." and "CoreWeave, Inc" stay the companies the page names.
    /// </summary>
    private static List<string> SplitParts(string description)
    {
        var parts = new List<(string Text, int Start)>();
        var start = 0;
        foreach (var separator in PartSeparator().Matches(description).Append(null))
        {
            var end = separator?.Index ?? description.Length;
            var part = Whitespace().Replace(description[start..end], " ").Trim();
            if (part.Length > 0)
            {
                if (LegalSuffix().IsMatch(part) && parts.Count > 1)
                {
                    parts[^1] = (Whitespace().Replace(description[parts[^1].Start..end], " ").Trim(), parts[^1].Start);
                }
                else
                {
                    parts.Add((part, start));
                }
            }

            start = separator is null ? end : separator.Index + separator.Length;
        }

        return [.. parts.Select(part => part.Text)];
    }

    /// <summary>"www.ateme.com" stands for "ateme"; a label that is not a host name stands for itself.</summary>
    private static string NameBehind(string label)
    {
        var host = HostName().Match(label);
        return host.Success ? host.Groups["name"].Value : label;
    }

    private enum LinkRole
    {
        Handle,
        Website,
    }

    private sealed class ProfileLinks
    {
        public string? Twitter { get; private set; }
        public string? GitHub { get; private set; }
        public string? LinkedIn { get; private set; }
        public string? Website { get; private set; }

        public LinkRole Take(MarkdownLink link)
        {
            if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var url))
            {
                // A relative link points into the site itself and says nothing about the person.
                return LinkRole.Handle;
            }

            var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
            var account = url.AbsolutePath.Trim('/').Split('/')[0].TrimStart('@');
            switch (host.ToLowerInvariant())
            {
                case "twitter.com" or "x.com":
                    Twitter ??= account;
                    return LinkRole.Handle;
                case "github.com":
                    GitHub ??= account;
                    return LinkRole.Handle;
                case "linkedin.com" or "uk.linkedin.com":
                    LinkedIn ??= link.Url;
                    return LinkRole.Handle;
                default:
                    Website ??= link.Url;
                    return LinkRole.Website;
            }
        }
    }

    // Periods split only after a word of two or more letters, so initials ("John F. Smith") survive.
    [GeneratedRegex(@"\s*[,:;]\s*|(?<=\w{2})(?<!\b(?:Inc|Ltd|LLC|LLP|Corp|PLC|Co))\.(?:\s+|\z)|\s+[-–—|](?:\s+|\z)")]
    private static partial Regex PartSeparator();

    [GeneratedRegex(@"^(?:Inc|Ltd|LLC|LLP|GmbH|AG|SA|SAS|BV|NV|Corp|PLC|Co)\.?\z", RegexOptions.IgnoreCase)]
    private static partial Regex LegalSuffix();

    [GeneratedRegex(@"\(\s*\)")]
    private static partial Regex EmptyParentheses();

    [GeneratedRegex(@"\w\s*\z")]
    private static partial Regex EndsInWord();

    // Emphasis delimiters at a word's edge; an underscore inside a word ("some_login") stays.
    [GeneratedRegex(@"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*" + SpeakersLabelText + @"\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SpeakersLabel();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s(?:&|and)\s")]
    private static partial Regex NameJoiner();

    [GeneratedRegex(@"\s*(?:,|&|\band\b)\s*")]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"^(?:www\.)?(?<name>[A-Za-z0-9-]+)(?:\.[A-Za-z0-9-]+)+\z")]
    private static partial Regex HostName();
}
