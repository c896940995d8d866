using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// A person named in a session, with the role the page gives them, the line naming them and the person line
/// as written (see <see cref="SessionPersonContent.Credit"/>; null when the layout writes none).
/// </summary>
public sealed record RoleMention(PersonMention Person, PresenterRole Role, int Line, string? Credit);

/// <summary>A session as its own section describes it, before it is joined to the programme and its people are merged.</summary>
public sealed record SessionSection(
    string Slug,
    string Title,
    int Line,
    string AbstractMarkdown,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<RoleMention> People);

/// <summary>
/// Reads one session section: a <c>### Title</c> heading, a line of <c>[Recording](…) / [Slides](…)</c> links,
/// the abstract, then labelled blocks (<c>Presenter: …</c>, <c>Presenters:</c> with a list,
/// <c>Session lead:</c>, <c>Panelists:</c>, <c>References:</c>).
/// </summary>
/// <remarks>
/// The abstract is everything between the heading and the first labelled block except the links line,
/// kept as written. A <c>[demo](…)</c> link inside it is also listed as the session's demo. Prose after the
/// blocks is not part of the abstract and is left for the ledger to report.
/// </remarks>
public static partial class SessionSectionReader
{
    public static SessionSection Read(PageText page, string slug, int headingLine, int lastLine, LineLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(ledger);
        MarkdownSections.HeadingLevel(page.Line(headingLine), out var title);
        ledger.Account(headingLine);

        var links = new List<LinkContent>();
        var abstractLines = new List<int>();
        var number = headingLine + 1;
        for (; number <= lastLine && !BlockLabel().IsMatch(page.Line(number)); number++)
        {
            var line = page.Line(number);
            if (IsMediaLinksLine(line))
            {
                links.AddRange(MarkdownLinks.Find(line).Select(link => new LinkContent(MediaKind(link.Label)!.Value, link.Url, link.Label)));
                ledger.Account(number);
                continue;
            }

            abstractLines.Add(number);
            ledger.Account(number);
            links.AddRange(MarkdownLinks.Find(line)
                .Where(link => DemoLabel().IsMatch(link.Label))
                .Select(link => new LinkContent(LinkKind.Demo, link.Url, link.Label)));
        }

        var people = new List<RoleMention>();
        ReadBlocks(page, number, lastLine, ledger, people, links);
        if (people.Count == 0)
        {
            InferSpeakerFromProse(page, abstractLines, ledger, people);
        }

        return new SessionSection(slug, title, headingLine, page.Markdown(abstractLines), links, people);
    }

    /// <summary>
    /// The session a section describes, its people merged with their mentions elsewhere on the page.
    /// <paramref name="programmeTitle"/> is kept only where it differs from the section's title.
    /// </summary>
    public static SessionContent ToSession(SessionSection section, string? programmeTitle, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(people);
        var titles = programmeTitle is null ? [section.Title] : new[] { section.Title, programmeTitle };
        return new SessionContent
        {
            Slug = section.Slug,
            Title = section.Title,
            ProgrammeTitle = string.Equals(programmeTitle, section.Title, StringComparison.Ordinal) ? null : programmeTitle,
            Kind = SessionKindRule.Infer(titles, section.People.Select(mention => mention.Role)),
            AbstractMarkdown = section.AbstractMarkdown,
            People = [.. section.People.Select(people.PartFor)],
            Links = section.Links,
            Line = section.Line,
        };
    }

    private static void ReadBlocks(PageText page, int first, int lastLine, LineLedger ledger, List<RoleMention> people, List<LinkContent> links)
    {
        string? block = null;
        for (var number = first; number <= lastLine; number++)
        {
            var line = page.Line(number);
            if (page.IsBlank(number))
            {
                continue;
            }

            string item;
            var label = BlockLabel().Match(line);
            var listItem = ListItem().Match(line);
            if (label.Success)
            {
                block = label.Groups["label"].Value;
                item = label.Groups["rest"].Value.Trim();
            }
            else if (block is not null && listItem.Success)
            {
                item = listItem.Groups["text"].Value.Trim();
            }
            else
            {
                // A line that belongs to no block ends the block; the ledger reports it.
                block = null;
                continue;
            }

            ledger.Account(number);
            if (item.Length > 0)
            {
                ReadItem(block, item, number, ledger, people, links);
            }
        }
    }

    private static void ReadItem(string block, string item, int line, LineLedger ledger, List<RoleMention> people, List<LinkContent> links)
    {
        if (block.StartsWith("Reference", StringComparison.OrdinalIgnoreCase))
        {
            var references = MarkdownLinks.Find(item);
            if (references.Count == 0)
            {
                ledger.Warn(line, "Reference has no link; it was not imported.");
            }

            var sentence = references.Count == 1 && references[0].Length == item.Length ? null : item;
            links.AddRange(references.Select(link => new LinkContent(LinkKind.Reference, link.Url, link.Label, sentence)));
            return;
        }

        if (PeopleLineParser.Parse(item) is { } person)
        {
            people.Add(new RoleMention(person, RoleOf(block), line, item));
        }
        else
        {
            ledger.Warn(line, "No person could be read from this line.");
        }
    }

    /// <summary>
    /// Some sections name their speaker only in the abstract, as "Fabian Deutsch ([@dummdida](…))":
    /// a capitalised name followed by parenthesised profile links is taken as the presenter.
    /// </summary>
    private static void InferSpeakerFromProse(PageText page, List<int> abstractLines, LineLedger ledger, List<RoleMention> people)
    {
        foreach (var number in abstractLines)
        {
            foreach (Match match in NameWithProfileLinks().Matches(page.Line(number)))
            {
                if (PeopleLineParser.Parse($"{match.Groups["name"].Value} {match.Groups["links"].Value}") is { } person)
                {
                    people.Add(new RoleMention(person, PresenterRole.Presenter, number, Credit: string.Empty));
                    ledger.Info(number, $"Presenter '{person.Name}' was inferred from the abstract's prose; the section has no Presenter line.");
                }
            }
        }
    }

    private static PresenterRole RoleOf(string block) => block.ToLowerInvariant() switch
    {
        var label when label.StartsWith("panelist", StringComparison.Ordinal) => PresenterRole.Panelist,
        var label when label.StartsWith("session lead", StringComparison.Ordinal) || label.StartsWith("moderator", StringComparison.Ordinal) => PresenterRole.SessionLead,
        _ => PresenterRole.Presenter,
    };

    private static bool IsMediaLinksLine(string line) =>
        MarkdownLinks.IsOnlyLinks(line) && MarkdownLinks.Find(line).All(link => MediaKind(link.Label) is not null);

    private static LinkKind? MediaKind(string label) => label.ToLowerInvariant() switch
    {
        "recording" or "video" => LinkKind.Recording,
        "slides" or "slide deck" => LinkKind.Slides,
        "proposal" => LinkKind.Proposal,
        _ => null,
    };

    [GeneratedRegex(@"^(?<label>Presenters?|Speakers?|Session leads?|Moderators?|Panelists?|References?)\s*:\s*(?<rest>.*)\z", RegexOptions.IgnoreCase)]
    private static partial Regex BlockLabel();

    [GeneratedRegex(@"^\s*[-*+]\s+(?<text>.*)\z")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\bdemo\b", RegexOptions.IgnoreCase)]
    private static partial Regex DemoLabel();

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+)\s+\((?<links>\[[^\]]+\]\([^)\s]+\)(?:\s*,\s*\[[^\]]+\]\([^)\s]+\))*)\)")]
    private static partial Regex NameWithProfileLinks();
}
