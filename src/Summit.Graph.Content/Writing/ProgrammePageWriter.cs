using System.Text;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Content.Writing;

/// <summary>
/// Writes an edition as a summit page in the 2021 layout, the one <see cref="ProgrammeTableWithDetailsReader"/>
/// reads: front matter, intro, <c>## When</c>, the <c>## Program</c> table linking to anchors, one
/// <c>## Session details</c> section per session, <c>## What's next?</c> and <c>## Sponsors</c>.
/// Reading the page back gives the same content; the page's own wording (<see cref="PageWording"/>) and
/// person lines are written as the imported page had them.
/// </summary>
public static class ProgrammePageWriter
{
    public const string Layout = "2021";

    private static readonly LinkKind[] MediaKinds = [LinkKind.Recording, LinkKind.Slides, LinkKind.Proposal];

    public static string Write(EventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var page = new PageBuilder();
        WriteFrontMatter(page, content);
        page.Paragraph(content.DescriptionMarkdown);
        WriteWhen(page, content);
        WriteProgramme(page, content);
        // An edition announced before its programme has none to detail.
        if (content.Sessions.Count > 0)
        {
            page.Heading("Session details");
            page.Paragraph(content.Wording.SessionDetailsIntro);
            foreach (var session in content.Sessions)
            {
                WriteSession(page, session);
            }
        }

        if (content.WhatsNextMarkdown is not null)
        {
            page.Heading("What's next?");
            page.Paragraph(content.WhatsNextMarkdown);
        }

        if (content.Sponsors.Count > 0)
        {
            page.Heading("Sponsors");
            var links = string.Join(", ", content.Sponsors.Select(sponsor => $"[{sponsor.Name}]({sponsor.Url})"));
            page.Paragraph(content.Wording.SponsorsLeadIn is { Length: > 0 } leadIn ? $"{leadIn} {links}" : links);
        }

        return page.ToString();
    }

    /// <summary>The stored front matter with the current title and permalink; the title as the page wrote it while the name is that title plus the year.</summary>
    private static void WriteFrontMatter(PageBuilder page, EventContent content)
    {
        var lines = (content.Wording.FrontMatter ?? "layout: page\ntitle:\npermalink:").Split('\n').ToList();
        var writtenTitle = lines.Select(line => Value(line, "title")).FirstOrDefault(value => value is not null);
        var title = writtenTitle is not null && (content.Name == writtenTitle || content.Name == $"{writtenTitle} {content.StartDate.Year}")
            ? writtenTitle
            : content.Name;
        var written = lines
            .Select(line => Value(line, "title") is not null ? $"title: {title}" : line)
            .Select(line => Value(line, "permalink") is not null ? $"permalink: {content.Permalink}" : line)
            .Where(line => !line.StartsWith("permalink: ", StringComparison.Ordinal) || content.Permalink is not null);
        page.Paragraph($"---\n{string.Join('\n', written)}\n---");
    }

    private static string? Value(string line, string key) =>
        line.StartsWith($"{key}:", StringComparison.OrdinalIgnoreCase) ? line[(key.Length + 1)..].Trim() : null;

    private static void WriteWhen(PageBuilder page, EventContent content)
    {
        page.Heading("When");
        page.Paragraph(content.Wording.WhenIntro);
        page.Paragraph(
            $"  - Dates: {ScheduleText.FormatDates(content.StartDate, content.EndDate)}.\n"
            + $"  - Time: {ScheduleText.FormatHours(content.TimeZone, content.DailyStart, content.DailyEnd, content.LocalHours)}");
    }

    /// <summary>
    /// One row per session of each slot. A time prints its end only where the reader would infer another
    /// (the next slot's start, or one slot length for the day's last).
    /// </summary>
    private static void WriteProgramme(PageBuilder page, EventContent content)
    {
        page.Heading("Program");
        page.Paragraph(content.Wording.ProgrammeIntro);
        if (content.Sessions.Count == 0)
        {
            return;
        }

        var sessions = content.Sessions.ToDictionary(session => session.Slug, StringComparer.Ordinal);
        var table = new StringBuilder("| Date | Time | Session Title |\n| ------ | ----- | ------------- |");
        foreach (var day in content.Days)
        {
            var dayLabel = ScheduleText.FormatDayLabel(day.Date);
            for (var index = 0; index < day.Slots.Count; index++)
            {
                var slot = day.Slots[index];
                var impliedEnd = index + 1 < day.Slots.Count ? day.Slots[index + 1].StartsAt : slot.StartsAt.AddMinutes(content.SlotMinutes);
                var time = ScheduleText.Clock(TimeOnly.FromDateTime(slot.StartsAt));
                if (slot.EndsAt != impliedEnd)
                {
                    time = $"{time}-{ScheduleText.Clock(TimeOnly.FromDateTime(slot.EndsAt))}";
                }

                foreach (var slug in slot.SessionSlugs)
                {
                    var session = sessions[slug];
                    table.Append($"\n| {dayLabel} | {time} | [{session.ProgrammeTitle ?? session.Title}](#{slug}) |");
                    dayLabel = string.Empty;
                }
            }
        }

        page.Paragraph(table.ToString());
    }

    private static void WriteSession(PageBuilder page, SessionContent session)
    {
        page.Paragraph($"<a name=\"{session.Slug}\"></a>\n### {session.Title}");
        var media = session.Links.Where(link => MediaKinds.Contains(link.Kind)).Select(link => $"[{link.Label}]({link.Url})").ToList();
        if (media.Count > 0)
        {
            page.Paragraph(string.Join(" / ", media));
        }

        page.Paragraph(session.AbstractMarkdown);
        foreach (var group in RoleGroups(session.People.Where(part => !part.NamedInAbstract)))
        {
            var label = Label(group.Role, group.Parts.Count);
            page.Paragraph(group.Parts.Count == 1
                ? $"{label}: {Credit(group.Parts[0])}"
                : $"{label}:\n{string.Join('\n', group.Parts.Select(part => $"- {Credit(part)}"))}");
        }

        var references = session.Links.Where(link => link.Kind == LinkKind.Reference)
            .Select(link => link.Markdown ?? $"[{link.Label}]({link.Url})")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (references.Count > 0)
        {
            page.Paragraph($"References:\n{string.Join('\n', references.Select(reference => $"- {reference}"))}");
        }
    }

    /// <summary>The line as the page wrote it while it agrees with the person's details; composed from them once they changed.</summary>
    private static string Credit(SessionPersonContent part) =>
        PeopleLineParser.Agrees(part.Credit, part.Person) ? part.Credit : PeopleLineParser.Format(part.Person);

    /// <summary>Consecutive people of one role, in page order: each group becomes one labelled block.</summary>
    private static List<(PresenterRole Role, List<SessionPersonContent> Parts)> RoleGroups(IEnumerable<SessionPersonContent> parts)
    {
        var groups = new List<(PresenterRole Role, List<SessionPersonContent> Parts)>();
        foreach (var part in parts)
        {
            if (groups.Count == 0 || groups[^1].Role != part.Role)
            {
                groups.Add((part.Role, []));
            }

            groups[^1].Parts.Add(part);
        }

        return groups;
    }

    private static string Label(PresenterRole role, int count) => (role, count > 1) switch
    {
        (PresenterRole.SessionLead, false) => "Session lead",
        (PresenterRole.SessionLead, true) => "Session leads",
        (PresenterRole.Panelist, false) => "Panelist",
        (PresenterRole.Panelist, true) => "Panelists",
        (_, false) => "Presenter",
        (_, true) => "Presenters",
    };

    /// <summary>Markdown blocks separated by one blank line; empty blocks are left out.</summary>
    private sealed class PageBuilder
    {
        private readonly List<string> blocks = [];

        public void Heading(string title) => blocks.Add($"## {title}");

        public void Paragraph(string? markdown)
        {
            if (!string.IsNullOrWhiteSpace(markdown))
            {
                blocks.Add(markdown);
            }
        }

        public override string ToString() => string.Join("\n\n", blocks) + "\n";
    }
}
