using System.Globalization;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Reads the layout of the 2021 page: front matter; intro paragraphs; <c>## When</c> with the dates and
/// daily hours; <c>## Program</c> with a Date | Time | Session Title table whose titles link to
/// <c>#anchors</c>; <c>## Session details</c> with one <c>&lt;a name="anchor"&gt;&lt;/a&gt;</c> +
/// <c>### Title</c> section per session; <c>## What's next?</c>; <c>## Sponsors</c>.
/// </summary>
public sealed partial class ProgrammeTableWithDetailsReader : IPageReader
{
    private const string UtcZone = "UTC";

    public string Layout => "2021";

    public bool CanRead(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        var programme = sections.FirstOrDefault(IsProgramme);
        var details = sections.FirstOrDefault(IsSessionDetails);
        return programme is not null
            && details is not null
            && MarkdownTables.Find(page, programme.FirstBodyLine, programme.LastLine)
                .Any(table => table.Rows.Any(row => row.Cells.Any(cell => AnchorLink(cell) is not null)));
    }

    public PageReadResult Read(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ledger = new LineLedger(page);
        ledger.Account(1, page.FrontMatter.LastLine);

        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        var introEnd = sections.Count > 0 ? sections[0].HeadingLine - 1 : page.LineCount;
        ledger.Account(page.BodyStartLine, introEnd);

        var when = sections.FirstOrDefault(section => Heading(section) == "when")
            ?? throw new PageFormatException("The page has no '## When' section, so the event's dates are unknown.");
        var (dates, hours) = ReadWhen(page, when, ledger);
        var programme = ReadProgramme(page, sections.First(IsProgramme), dates, ledger);
        var details = ReadSessionDetails(page, sections.First(IsSessionDetails), ledger);
        var whatsNext = sections.FirstOrDefault(section => Heading(section) is "what's next?" or "what’s next?" or "whats next");
        var sponsors = sections.FirstOrDefault(section => Heading(section) == "sponsors");

        var slotMinutes = SlotMinutes(programme, hours);
        var days = Days(programme, dates, slotMinutes);
        var allSlots = days.SelectMany(day => day.Slots).ToList();
        var title = page.FrontMatter["title"]
            ?? throw new PageFormatException("The page's front matter has no 'title', so the event has no name.");
        var name = title.Contains(dates.Start.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? title
            : $"{title} {dates.Start.Year}";

        var content = new EventContent
        {
            Slug = Slugs.From(name),
            Name = name,
            Permalink = page.FrontMatter["permalink"],
            DescriptionMarkdown = page.Markdown(page.BodyStartLine, introEnd),
            TimeZone = hours?.Zone ?? UtcZone,
            LocalHours = hours?.LocalHours ?? [],
            StartDate = dates.Start,
            EndDate = dates.End,
            DailyStart = hours?.Start ?? TimeOnly.FromDateTime(allSlots.Min(slot => slot.StartsAt)),
            DailyEnd = hours?.End ?? TimeOnly.FromDateTime(allSlots.Max(slot => slot.EndsAt)),
            SlotMinutes = slotMinutes,
            Days = days,
            Sessions = JoinSessions(programme, details, ledger),
            Sponsors = sponsors is null ? [] : ReadSponsors(page, sponsors, ledger),
            WhatsNextMarkdown = whatsNext is null ? null : ReadWhatsNext(page, whatsNext, ledger),
            WhatsNextLinks = whatsNext is null ? [] : LinksIn(page, whatsNext),
        };
        return new PageReadResult(content, ledger.Close(Layout), Layout);
    }

    /// <summary>A programme table row: one session at one time.</summary>
    private sealed record ProgrammeRow(int Line, DateOnly Date, TimeOnly Time, string Title, string Slug);

    private static (EventDates Dates, DailyHours? Hours) ReadWhen(PageText page, MarkdownSection when, LineLedger ledger)
    {
        ledger.Account(when.HeadingLine);
        EventDates? dates = null;
        DailyHours? hours = null;
        for (var number = when.FirstBodyLine; number <= when.LastLine; number++)
        {
            var line = page.Line(number);
            var foundDates = dates is null ? ScheduleText.FindDates(line) : null;
            var foundHours = hours is null ? ScheduleText.FindHours(line) : null;
            dates ??= foundDates;
            hours ??= foundHours;
            if (foundDates is not null || foundHours is not null || IsLeadIn(line))
            {
                ledger.Account(number);
            }
        }

        if (dates is null)
        {
            throw new PageFormatException($"The '## When' section (line {when.HeadingLine}) gives no dates such as 'February 9 and 10, 2021'.");
        }

        if (hours is null)
        {
            ledger.Warn(when.HeadingLine, "The section gives no daily hours such as '14:00 – 19:00 UTC'; they were taken from the programme table.");
        }
        else if (!string.Equals(hours.Zone, UtcZone, StringComparison.Ordinal))
        {
            throw new PageFormatException($"The programme is given in {hours.Zone}; this layout's reader only reads programmes given in UTC.");
        }

        return (dates, hours);
    }

    private static List<ProgrammeRow> ReadProgramme(PageText page, MarkdownSection section, EventDates dates, LineLedger ledger)
    {
        ledger.Account(section.HeadingLine);
        var table = MarkdownTables.Find(page, section.FirstBodyLine, section.LastLine)[0];
        ledger.Account(table.FirstLine, table.LastLine);
        var dateColumn = Column(table, 0, "Date", "Day");
        var timeColumn = Column(table, 1, "Time");
        var titleColumn = Column(table, 2, "Session", "Title");

        var rows = new List<ProgrammeRow>();
        DateOnly? day = null;
        foreach (var row in table.Rows)
        {
            var dayLabel = row.Cell(dateColumn);
            if (dayLabel.Length > 0)
            {
                day = ScheduleText.ParseDayLabel(dayLabel, dates.Start.Year);
                if (day is null)
                {
                    ledger.Warn(row.Line, $"'{dayLabel}' is not a day such as '9/Feb'; the rows up to the next day were not imported.");
                }
                else if (day < dates.Start || day > dates.End)
                {
                    ledger.Warn(row.Line, $"{day:yyyy-MM-dd} lies outside the event's dates {dates.Start:yyyy-MM-dd}..{dates.End:yyyy-MM-dd}.");
                }
            }

            var time = ScheduleText.ParseTime(row.Cell(timeColumn));
            if (day is null || time is null)
            {
                if (time is null)
                {
                    ledger.Warn(row.Line, $"'{row.Cell(timeColumn)}' is not a time such as '14:30'; the row was not imported.");
                }

                continue;
            }

            var titleCell = row.Cell(titleColumn);
            if (AnchorLink(titleCell) is { } anchor)
            {
                rows.Add(new ProgrammeRow(row.Line, day.Value, time.Value, anchor.Label, anchor.Url[1..]));
            }
            else
            {
                var title = string.Join(" ", MarkdownLinks.Find(titleCell).Select(link => link.Label).DefaultIfEmpty(titleCell));
                ledger.Warn(row.Line, "The session title links to no '#anchor'; its slug was made from the title.");
                rows.Add(new ProgrammeRow(row.Line, day.Value, time.Value, title, Slugs.From(title)));
            }
        }

        ReadProgrammeLeadIn(page, section, table, rows, ledger);
        return rows.Count > 0
            ? rows
            : throw new PageFormatException($"The programme table (line {table.FirstLine}) has no row with a readable day and time.");
    }

    /// <summary>
    /// The sentence introducing the table ("The event consisted of 20 sessions with the following
    /// schedule (all times in UTC):") is boilerplate; the count it states is checked against the table.
    /// </summary>
    private static void ReadProgrammeLeadIn(PageText page, MarkdownSection section, MarkdownTable table, List<ProgrammeRow> rows, LineLedger ledger)
    {
        for (var number = section.FirstBodyLine; number < table.FirstLine; number++)
        {
            var line = page.Line(number);
            if (!IsLeadIn(line))
            {
                continue;
            }

            ledger.Account(number);
            var count = SessionCount().Match(line);
            var sessions = rows.Select(row => row.Slug).Distinct(StringComparer.Ordinal).Count();
            if (count.Success && int.Parse(count.Groups["count"].Value, CultureInfo.InvariantCulture) != sessions)
            {
                ledger.Warn(number, $"The sentence counts {count.Groups["count"].Value} sessions; the table lists {sessions}.");
            }
        }
    }

    private static List<SessionSection> ReadSessionDetails(PageText page, MarkdownSection section, LineLedger ledger)
    {
        ledger.Account(section.HeadingLine);
        var starts = new List<(string Slug, int HeadingLine)>();
        (string Slug, int Line)? anchor = null;
        for (var number = section.FirstBodyLine; number <= section.LastLine; number++)
        {
            var line = page.Line(number);
            var anchorMatch = AnchorTag().Match(line);
            if (anchorMatch.Success)
            {
                anchor = (anchorMatch.Groups["name"].Value, number);
                ledger.Account(number);
            }
            else if (MarkdownSections.HeadingLevel(line, out var heading) == 3)
            {
                if (anchor is null)
                {
                    ledger.Warn(number, "The session has no <a name=\"…\"></a> anchor before its heading; its slug was made from the title.");
                }

                starts.Add((anchor?.Slug ?? Slugs.From(heading), number));
                anchor = null;
            }
            else if (starts.Count == 0 && SessionListIntro().IsMatch(line))
            {
                ledger.Account(number);
            }
            else if (anchor is { } dangling && !page.IsBlank(number))
            {
                ledger.Warn(dangling.Line, $"The anchor '{dangling.Slug}' is not followed by a session heading; it was ignored.");
                anchor = null;
            }
        }

        var sessions = new List<SessionSection>();
        for (var index = 0; index < starts.Count; index++)
        {
            var last = index + 1 < starts.Count ? PrecedingAnchorOrSelf(page, starts[index + 1].HeadingLine) - 1 : section.LastLine;
            var read = SessionSectionReader.Read(page, starts[index].Slug, starts[index].HeadingLine, last, ledger);
            if (sessions.Any(session => session.Slug == read.Slug))
            {
                ledger.Warn(read.Line, $"A session with the anchor '{read.Slug}' was read before; this section was not imported.");
                continue;
            }

            sessions.Add(read);
        }

        return sessions;
    }

    private static int PrecedingAnchorOrSelf(PageText page, int headingLine)
    {
        var number = headingLine - 1;
        while (number > 0 && page.IsBlank(number))
        {
            number--;
        }

        return number > 0 && AnchorTag().IsMatch(page.Line(number)) ? number : headingLine;
    }

    /// <summary>
    /// Sessions in programme order, then sections the programme does not list. The heading is the title;
    /// the programme's wording is kept as <see cref="SessionContent.ProgrammeTitle"/> only where it differs.
    /// People are merged across sessions so each person is one instance everywhere.
    /// </summary>
    private static List<SessionContent> JoinSessions(List<ProgrammeRow> programme, List<SessionSection> sections, LineLedger ledger)
    {
        var people = new PeopleDirectory();
        foreach (var mention in sections.SelectMany(section => section.People))
        {
            people.Add(mention.Person, mention.Line);
        }

        people.Merge(ledger);
        var sectionsBySlug = sections.ToDictionary(section => section.Slug, StringComparer.Ordinal);
        var sessions = new List<SessionContent>();
        foreach (var row in programme.DistinctBy(row => row.Slug))
        {
            if (sectionsBySlug.Remove(row.Slug, out var section))
            {
                sessions.Add(ToSession(section, row.Title, people));
                continue;
            }

            ledger.Warn(row.Line, $"No session section has the anchor '{row.Slug}'; the session has only its programme title.");
            sessions.Add(new SessionContent
            {
                Slug = row.Slug,
                Title = row.Title,
                Kind = SessionKindRule.Infer([row.Title], []),
                AbstractMarkdown = string.Empty,
                Line = row.Line,
            });
        }

        foreach (var section in sections.Where(section => sectionsBySlug.ContainsKey(section.Slug)))
        {
            ledger.Warn(section.Line, $"The session '{section.Slug}' has no row in the programme table; it has no time slot.");
            sessions.Add(ToSession(section, programmeTitle: null, people));
        }

        return sessions;
    }

    private static SessionContent ToSession(SessionSection section, string? programmeTitle, PeopleDirectory people)
    {
        var titles = programmeTitle is null ? [section.Title] : new[] { section.Title, programmeTitle };
        return new SessionContent
        {
            Slug = section.Slug,
            Title = section.Title,
            ProgrammeTitle = string.Equals(programmeTitle, section.Title, StringComparison.Ordinal) ? null : programmeTitle,
            Kind = SessionKindRule.Infer(titles, section.People.Select(mention => mention.Role)),
            AbstractMarkdown = section.AbstractMarkdown,
            People = [.. section.People.Select(mention => new SessionPersonContent(people.PersonFor(mention.Person), mention.Role))],
            Links = section.Links,
            Line = section.Line,
        };
    }

    /// <summary>The slot length is the smallest step between two start times of one day.</summary>
    private static int SlotMinutes(List<ProgrammeRow> programme, DailyHours? hours)
    {
        var steps = programme.GroupBy(row => row.Date)
            .SelectMany(day => day.Select(row => row.Time).Distinct().Order().Pairwise())
            .Select(pair => (int)(pair.Later - pair.Earlier).TotalMinutes)
            .ToList();
        if (steps.Count > 0)
        {
            return steps.Min();
        }

        // One slot a day: it lasts until the day ends, or an hour when the page prints no daily hours.
        return hours is not null ? (int)(hours.End - programme[0].Time).TotalMinutes : 60;
    }

    /// <summary>
    /// Every day of the event, each with its slots in time order. A slot ends when the next one of its
    /// day starts, and the day's last slot after one slot length. Rows at the same time are parallel
    /// sessions of one slot.
    /// </summary>
    private static List<DayContent> Days(List<ProgrammeRow> programme, EventDates dates, int slotMinutes)
    {
        var eventDays = Enumerable.Range(0, dates.End.DayNumber - dates.Start.DayNumber + 1).Select(dates.Start.AddDays);
        return [.. eventDays.Union(programme.Select(row => row.Date)).Order().Select(date =>
        {
            var times = programme.Where(row => row.Date == date).GroupBy(row => row.Time).OrderBy(group => group.Key).ToList();
            var slots = times.Select((group, index) =>
            {
                var start = date.ToDateTime(group.Key, DateTimeKind.Utc);
                var end = index + 1 < times.Count ? date.ToDateTime(times[index + 1].Key, DateTimeKind.Utc) : start.AddMinutes(slotMinutes);
                return new SlotContent(start, end, [.. group.Select(row => row.Slug)], group.First().Line);
            });
            return new DayContent(date, [.. slots]);
        })];
    }

    private static string ReadWhatsNext(PageText page, MarkdownSection section, LineLedger ledger)
    {
        ledger.Account(section.HeadingLine, section.LastLine);
        return page.Markdown(section.FirstBodyLine, section.LastLine);
    }

    private static List<LinkContent> LinksIn(PageText page, MarkdownSection section) =>
    [
        .. Enumerable.Range(section.FirstBodyLine, section.LastLine - section.FirstBodyLine + 1)
            .SelectMany(number => MarkdownLinks.Find(page.Line(number)))
            .Select(link => new LinkContent(LinkKind.Other, link.Url, link.Label)),
    ];

    /// <summary>Every link in the section names a sponsor; lines without links are left for the ledger to report.</summary>
    private static List<SponsorContent> ReadSponsors(PageText page, MarkdownSection section, LineLedger ledger)
    {
        ledger.Account(section.HeadingLine);
        var sponsors = new List<SponsorContent>();
        for (var number = section.FirstBodyLine; number <= section.LastLine; number++)
        {
            var links = MarkdownLinks.Find(page.Line(number));
            if (links.Count > 0)
            {
                ledger.Account(number);
                sponsors.AddRange(links.Select(link => new SponsorContent(link.Label, link.Url)));
            }
        }

        return sponsors;
    }

    private static int Column(MarkdownTable table, int fallback, params string[] names) =>
        table.Column(names) is var index and >= 0 ? index : fallback;

    private static MarkdownLink? AnchorLink(string cell) =>
        MarkdownLinks.Find(cell).FirstOrDefault(link => link.Url.Length > 1 && link.Url[0] == '#');

    private static string Heading(MarkdownSection section) => section.Title.Trim().ToLowerInvariant();

    private static bool IsProgramme(MarkdownSection section) => Heading(section) is "program" or "programme" or "schedule";

    private static bool IsSessionDetails(MarkdownSection section) => Heading(section) == "session details";

    /// <summary>A sentence ending in a colon that introduces the list or table under it.</summary>
    private static bool IsLeadIn(string line) => line.EndsWith(':') && !line.TrimStart().StartsWith('-') && !line.TrimStart().StartsWith('|');

    [GeneratedRegex(@"^<a\s+(?:name|id)\s*=\s*""(?<name>[^""]+)""\s*>\s*</a>$")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"^(?:Here|Below) is a list of\b", RegexOptions.IgnoreCase)]
    private static partial Regex SessionListIntro();

    [GeneratedRegex(@"\b(?<count>\d+) sessions\b")]
    private static partial Regex SessionCount();
}
