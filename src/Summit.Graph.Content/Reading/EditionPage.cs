using System.Globalization;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>One session at one time of a day, as a layout's programme places it; <see cref="End"/> when the page prints one.</summary>
public sealed record ProgrammeEntry(int Line, DateOnly Date, TimeOnly Start, TimeOnly? End, string Slug);

/// <summary>
/// The parts of a summit page every layout shares: the front matter, the intro before the first <c>##</c>
/// heading, the section that gives the dates and daily hours (<c>## When</c>, <c>## When is it?</c>,
/// <c>## Save the Date!</c>; a page may have none and state them in prose), <c>## What's next?</c> and
/// <c>## Sponsors</c>. The dates are decided from every place the page states them (see <see cref="EditionDates"/>).
/// A layout's reader reads its programme and sessions and hands them to <see cref="Finish"/>, which builds the
/// days and the event.
/// </summary>
public sealed class EditionPage
{
    private const string UtcZone = "UTC";

    private const int AnyLeapYear = 2000;

    private EditionPage(PageText page, LineLedger ledger, IReadOnlyList<MarkdownSection> sections, MarkdownSection? when)
    {
        Page = page;
        Ledger = ledger;
        Sections = sections;
        When = when;
    }

    public PageText Page { get; }

    public LineLedger Ledger { get; }

    /// <summary>The page's <c>##</c> sections.</summary>
    public IReadOnlyList<MarkdownSection> Sections { get; }

    /// <summary>The section giving the dates and hours, when the page has one.</summary>
    public MarkdownSection? When { get; }

    public EventDates Dates { get; private set; } = null!;

    public DailyHours? Hours { get; private set; }

    /// <summary>The line the daily hours were read from.</summary>
    private int HoursLine { get; set; }

    private string? WhenIntro { get; set; }

    public int Year => Dates.Start.Year;

    /// <exception cref="PageFormatException">The page gives no dates, or gives its hours in a zone other than UTC.</exception>
    public static EditionPage Read(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ledger = new LineLedger(page);
        ledger.Account(1, page.FrontMatter.LastLine);
        var sections = MarkdownSections.Split(page, 2, page.BodyStartLine, page.LineCount);
        ledger.Account(page.BodyStartLine, IntroEnd(page, sections));
        var when = sections.FirstOrDefault(IsWhen)
            ?? sections.FirstOrDefault(section => IsProse(section) && Lines(section).Any(number => ScheduleText.FindDates(page.Line(number)) is not null));
        var edition = new EditionPage(page, ledger, sections, when);
        var statements = edition.ProseLines()
            .SelectMany(number => ScheduleText.FindPrintedDates(page.Line(number)).Select(dates => new DateStatement(number, dates)))
            .ToList();
        edition.Dates = EditionDates.Decide(page, ledger, statements, when, edition.DayHeadings());
        edition.ReadWhen();
        return edition;
    }

    /// <summary>A section named for the dates: "When", "When is it?", "Save the Date!", "Dates".</summary>
    public static bool IsWhen(MarkdownSection section) =>
        Heading(section) is var heading && (heading.StartsWith("when", StringComparison.Ordinal) || heading.StartsWith("save the date", StringComparison.Ordinal)
            || heading is "date" or "dates" or "date and time" or "dates and times");

    /// <summary>The first <c>##</c> section with one of the given headings (compared without case).</summary>
    public MarkdownSection? Section(params string[] headings) =>
        Sections.FirstOrDefault(section => headings.Contains(Heading(section), StringComparer.Ordinal));

    /// <summary>The heading of a section as compared: trimmed, lower case.</summary>
    public static string Heading(MarkdownSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Title.Trim().ToLowerInvariant();
    }

    /// <summary>The section holding the programme: <c>## Program</c>, <c>## Programme</c> or <c>## Schedule</c>.</summary>
    public static bool IsProgramme(MarkdownSection section) => Heading(section) is "program" or "programme" or "schedule";

    /// <summary>The section's body lines as written, or null when they are all blank.</summary>
    public string? Text(int first, int last)
    {
        var text = Page.Markdown(first, last);
        return text.Length == 0 ? null : text;
    }

    /// <summary>The date a day heading names, with a warning when its weekday does not fall on that date.</summary>
    public DateOnly? DayOf(string heading, int line)
    {
        ArgumentNullException.ThrowIfNull(heading);
        if (ScheduleText.ParseDayHeading(MarkdownLinks.Remove(heading), Year) is not { } day)
        {
            return null;
        }

        if (day.Weekday is { } weekday && weekday != day.Date.DayOfWeek)
        {
            Ledger.Warn(line, $"{day.Date:yyyy-MM-dd} is a {day.Date.DayOfWeek}, not a {weekday}; the date was kept.");
        }

        if (day.Date < Dates.Start || day.Date > Dates.End)
        {
            Ledger.Warn(line, $"{day.Date:yyyy-MM-dd} lies outside the event's dates {Dates.Start:yyyy-MM-dd}..{Dates.End:yyyy-MM-dd}.");
        }

        return day.Date;
    }

    /// <summary>Builds the event from sessions read as sections of their own, their people merged across the page.</summary>
    public PageReadResult Finish(string layout, IReadOnlyList<ProgrammeEntry> programme, IReadOnlyList<SessionSection> sections, PageWording wording)
    {
        var people = PeopleDirectory.Of(sections, Ledger);
        return Finish(layout, programme, [.. sections.Select(section => SessionSectionReader.ToSession(section, programmeTitle: null, people))], wording);
    }

    /// <summary>Builds the event from the programme and sessions, reads the closing sections and reports every line left over.</summary>
    public PageReadResult Finish(string layout, IReadOnlyList<ProgrammeEntry> programme, IReadOnlyList<SessionContent> sessions, PageWording wording)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(wording);
        if (programme.Count == 0 && (sessions.Count > 0 || Hours is null))
        {
            throw new PageFormatException(sessions.Count > 0
                ? "The programme has no session with a readable day and time."
                : "The page has no programme and gives no daily hours such as '14:00 – 19:00 UTC'; an edition needs one or the other.");
        }

        var whatsNext = Section("what's next?", "what’s next?", "whats next");
        var sponsors = Section("sponsors");
        var slotMinutes = SlotMinutes(programme);
        var days = Days(programme, slotMinutes);
        var slots = days.SelectMany(day => day.Slots).ToList();
        var title = Page.FrontMatter["title"]
            ?? throw new PageFormatException("The page's front matter has no 'title', so the event has no name.");
        var name = title.Contains(Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) ? title : $"{title} {Year}";
        // Without a programme the hours are given (checked above).
        var dailyStart = Hours?.Start ?? TimeOnly.FromDateTime(slots.Min(slot => slot.StartsAt));
        ReportDaysStartingAtAnotherHour(days, dailyStart);
        string? sponsorsLeadIn = null;

        var content = new EventContent
        {
            Slug = Slugs.From(name, "event"),
            Name = name,
            Permalink = Page.FrontMatter["permalink"],
            DescriptionMarkdown = Page.Markdown(Page.BodyStartLine, IntroEnd(Page, Sections)),
            TimeZone = UtcZone,
            LocalHours = Hours?.LocalHours ?? [],
            StartDate = Dates.Start,
            EndDate = Dates.End,
            DailyStart = dailyStart,
            DailyEnd = Hours?.End ?? TimeOnly.FromDateTime(slots.Max(slot => slot.EndsAt)),
            SlotMinutes = slotMinutes,
            Days = days,
            Sessions = sessions,
            Sponsors = sponsors is null ? [] : ReadSponsors(sponsors, out sponsorsLeadIn),
            WhatsNextMarkdown = whatsNext is null ? null : ReadWhatsNext(whatsNext),
            WhatsNextLinks = whatsNext is null ? [] : LinksIn(whatsNext),
            Wording = wording with
            {
                FrontMatter = Page.FrontMatter.LastLine > 2 ? Page.Markdown(2, Page.FrontMatter.LastLine - 1) : null,
                WhenIntro = WhenIntro,
                SponsorsLeadIn = sponsorsLeadIn,
            },
        };
        return new PageReadResult(content, Ledger.Close(layout), layout);
    }

    /// <summary>A sentence ending in a colon that introduces the list or table under it.</summary>
    public static bool IsLeadIn(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.EndsWith(':') && !line.TrimStart().StartsWith('-') && !line.TrimStart().StartsWith('|');
    }

    private static IEnumerable<int> Lines(MarkdownSection section) =>
        Enumerable.Range(section.FirstBodyLine, section.LastLine - section.FirstBodyLine + 1);

    /// <summary>
    /// A section of prose about the edition: not the programme, not session details, not a day of the programme,
    /// and not "What's next?" or the sponsors, which speak of other events.
    /// </summary>
    private static bool IsProse(MarkdownSection section) =>
        !IsProgramme(section) && !IsDayHeading(section.Title)
        && Heading(section) is not ("session details" or "what's next?" or "what’s next?" or "whats next" or "sponsors");

    private static bool IsDayHeading(string title) => ScheduleText.ParseDayHeading(MarkdownLinks.Remove(title), AnyLeapYear) is not null;

    /// <summary>
    /// The lines that may state the edition's dates and hours: the intro, the prose sections and the programme's
    /// own intro (up to its first day, table or heading); never a session's abstract, which may date other events.
    /// </summary>
    private IEnumerable<int> ProseLines()
    {
        var intro = Enumerable.Range(Page.BodyStartLine, Math.Max(0, IntroEnd(Page, Sections) - Page.BodyStartLine + 1));
        var prose = Sections.Where(IsProse).SelectMany(Lines);
        var programmeIntros = Sections.Where(IsProgramme)
            .SelectMany(programme => Lines(programme).TakeWhile(number => MarkdownSections.HeadingLevel(Page.Line(number), out _) is null && !Page.Line(number).TrimStart().StartsWith('|')));
        return intro.Concat(prose).Concat(programmeIntros).Order();
    }

    /// <summary>The day headings of the programme: <c>##</c> sections named for a day, and <c>###</c> ones under the programme's heading.</summary>
    private List<(int Line, string Heading)> DayHeadings() =>
    [
        .. Sections.Where(section => IsDayHeading(section.Title))
            .Concat(Sections.Where(IsProgramme).SelectMany(programme => MarkdownSections.Split(Page, 3, programme.FirstBodyLine, programme.LastLine)))
            .Where(section => IsDayHeading(section.Title))
            .Select(section => (section.HeadingLine, section.Title)),
    ];

    private static int IntroEnd(PageText page, IReadOnlyList<MarkdownSection> sections) =>
        sections.Count > 0 ? sections[0].HeadingLine - 1 : page.LineCount;

    /// <summary>
    /// The daily hours (from the When section, else from the first prose line giving them), and the When section's
    /// lines that state dates or hours or lead in to them; its other lines are left for the ledger.
    /// </summary>
    private void ReadWhen()
    {
        if (When is not null)
        {
            Ledger.Account(When.HeadingLine);
            var leadIns = new List<int>();
            foreach (var number in Lines(When))
            {
                var line = Page.Line(number);
                var foundHours = Hours is null ? ScheduleText.FindHours(line) : null;
                if (foundHours is not null)
                {
                    (Hours, HoursLine) = (foundHours, number);
                }

                if (foundHours is not null || ScheduleText.FindPrintedDates(line).Count > 0)
                {
                    Ledger.Account(number);
                }
                else if (IsLeadIn(line))
                {
                    Ledger.Account(number);
                    leadIns.Add(number);
                }
            }

            WhenIntro = leadIns.Count == 0 ? null : Page.Markdown(leadIns);
        }

        if (Hours is null && ProseLines().FirstOrDefault(number => ScheduleText.FindHours(Page.Line(number)) is not null) is var hoursLine and > 0)
        {
            (Hours, HoursLine) = (ScheduleText.FindHours(Page.Line(hoursLine)), hoursLine);
        }

        if (Hours is null)
        {
            const string NoHours = "The page gives no daily hours such as '14:00 – 19:00 UTC'; they were taken from the programme.";
            if (When is not null)
            {
                Ledger.Warn(When.HeadingLine, NoHours);
            }
            else
            {
                Ledger.Info(Sections.FirstOrDefault(IsProgramme)?.HeadingLine ?? Page.BodyStartLine, NoHours);
            }

            return;
        }

        if (!string.Equals(Hours.Zone, UtcZone, StringComparison.Ordinal))
        {
            throw new PageFormatException($"The programme is given in {Hours.Zone}; the readers only read programmes given in UTC.");
        }

        CheckLocalHours();
    }

    /// <summary>The hours the page prints in other zones must be its UTC hours moved by the zone's offset.</summary>
    private void CheckLocalHours()
    {
        var line = HoursLine;
        foreach (var local in Hours!.LocalHours)
        {
            if (ScheduleText.ZoneOffset(local.Zone) is not { } offset)
            {
                Ledger.Warn(line, $"The zone {local.Zone} is not one the readers know; its hours were kept unchecked.");
                continue;
            }

            var expected = new LocalHoursContent(local.Zone, ScheduleText.ToZone(Hours.Start, offset), ScheduleText.ToZone(Hours.End, offset));
            if (expected != local)
            {
                Ledger.Warn(line, $"{ScheduleText.Clock(local.DailyStart)}–{ScheduleText.Clock(local.DailyEnd)} {local.Zone} disagrees with "
                    + $"{ScheduleText.Clock(Hours.Start)}–{ScheduleText.Clock(Hours.End)} UTC, which is "
                    + $"{ScheduleText.Clock(expected.DailyStart)}–{ScheduleText.Clock(expected.DailyEnd)} {local.Zone}.");
            }
        }
    }

    private void ReportDaysStartingAtAnotherHour(IReadOnlyList<DayContent> days, TimeOnly dailyStart)
    {
        foreach (var day in days.Where(day => day.Slots.Count > 0))
        {
            var start = TimeOnly.FromDateTime(day.Slots[0].StartsAt);
            if (start != dailyStart)
            {
                Ledger.Info(day.Slots[0].Line, $"{day.Date:yyyy-MM-dd} starts at {ScheduleText.Clock(start)} UTC, not at the daily {ScheduleText.Clock(dailyStart)} the page gives.");
            }
        }
    }

    /// <summary>The planned slot length: the smallest step between two start times of one day.</summary>
    private int SlotMinutes(IReadOnlyList<ProgrammeEntry> programme)
    {
        if (programme.Count == 0)
        {
            // No programme yet: one slot a day, from the start of the daily hours to their end.
            return (int)(Hours!.End - Hours.Start).TotalMinutes;
        }

        var steps = programme.GroupBy(entry => entry.Date)
            .SelectMany(day => day.Select(entry => entry.Start).Distinct().Order().Pairwise())
            .Select(pair => (int)(pair.Later - pair.Earlier).TotalMinutes)
            .ToList();
        if (steps.Count > 0)
        {
            return steps.Min();
        }

        // One slot a day: it lasts as printed, else until the day ends, else an hour.
        var first = programme[0];
        return first.End is { } end ? (int)(end - first.Start).TotalMinutes
            : Hours is not null ? (int)(Hours.End - first.Start).TotalMinutes
            : 60;
    }

    /// <summary>
    /// Every day of the event, each with its slots in time order. A slot ends when the page says, else when
    /// the next one of its day starts, else after one slot length. Entries at the same time are parallel
    /// sessions of one slot.
    /// </summary>
    private List<DayContent> Days(IReadOnlyList<ProgrammeEntry> programme, int slotMinutes)
    {
        var eventDays = Enumerable.Range(0, Dates.End.DayNumber - Dates.Start.DayNumber + 1).Select(Dates.Start.AddDays);
        return [.. eventDays.Union(programme.Select(entry => entry.Date)).Order().Select(date =>
        {
            var times = programme.Where(entry => entry.Date == date).GroupBy(entry => entry.Start).OrderBy(group => group.Key).ToList();
            var slots = times.Select((group, index) =>
            {
                var start = date.ToDateTime(group.Key, DateTimeKind.Utc);
                var printedEnd = group.Select(entry => entry.End).Max();
                var end = printedEnd is { } printed ? date.ToDateTime(printed, DateTimeKind.Utc)
                    : index + 1 < times.Count ? date.ToDateTime(times[index + 1].Key, DateTimeKind.Utc)
                    : start.AddMinutes(slotMinutes);
                return new SlotContent(start, end, [.. group.Select(entry => entry.Slug)], group.First().Line);
            });
            return new DayContent(date, [.. slots]);
        })];
    }

    private string ReadWhatsNext(MarkdownSection section)
    {
        Ledger.Account(section.HeadingLine, section.LastLine);
        return Page.Markdown(section.FirstBodyLine, section.LastLine);
    }

    private List<LinkContent> LinksIn(MarkdownSection section) =>
    [
        .. Lines(section)
            .SelectMany(number => MarkdownLinks.Find(Page.Line(number)))
            .Select(link => new LinkContent(LinkKind.Other, link.Url, link.Label)),
    ];

    /// <summary>Every link in the section names a sponsor; lines without links are left for the ledger to report.</summary>
    private List<SponsorContent> ReadSponsors(MarkdownSection section, out string? leadIn)
    {
        Ledger.Account(section.HeadingLine);
        leadIn = null;
        var sponsors = new List<SponsorContent>();
        foreach (var number in Lines(section))
        {
            var line = Page.Line(number);
            var links = MarkdownLinks.Find(line);
            if (links.Count > 0)
            {
                Ledger.Account(number);
                leadIn ??= line[..links[0].Index].Trim();
                sponsors.AddRange(links.Select(link => new SponsorContent(link.Label, link.Url)));
            }
        }

        return sponsors;
    }
}
