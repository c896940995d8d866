namespace Summit.Graph.Content.Model;

/// <summary>
/// One edition of the summit as read from a page: the reader's output and the importer's input.
/// Plain data with no identity; the importer matches it to stored rows by slug.
/// </summary>
public sealed record EventContent
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    /// <summary>The page's permalink (for example <c>/summit/</c>), kept so an export can regenerate the page.</summary>
    public string? Permalink { get; init; }
    public required string DescriptionMarkdown { get; init; }
    /// <summary>IANA or abbreviation of the zone the programme table is written in; the 2021 page uses UTC.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Zones the page shows next to UTC (for example EST and CET), with their daily hours as printed.</summary>
    public IReadOnlyList<LocalHoursContent> LocalHours { get; init; } = [];
    public required DateOnly StartDate { get; init; }
    public required DateOnly EndDate { get; init; }
    /// <summary>Daily opening hours in UTC.</summary>
    public required TimeOnly DailyStart { get; init; }
    public required TimeOnly DailyEnd { get; init; }
    public required int SlotMinutes { get; init; }
    public required IReadOnlyList<DayContent> Days { get; init; }
    public required IReadOnlyList<SessionContent> Sessions { get; init; }
    public IReadOnlyList<SponsorContent> Sponsors { get; init; } = [];
    /// <summary>The closing "What's next?" section: its Markdown as written and the links it holds.</summary>
    public string? WhatsNextMarkdown { get; init; }
    public IReadOnlyList<LinkContent> WhatsNextLinks { get; init; } = [];
}

public sealed record LocalHoursContent(string Zone, TimeOnly DailyStart, TimeOnly DailyEnd);

public sealed record DayContent(DateOnly Date, IReadOnlyList<SlotContent> Slots);

/// <summary>A time slot in UTC and the sessions held in it (one, or several on parallel tracks).</summary>
public sealed record SlotContent(DateTime StartsAt, DateTime EndsAt, IReadOnlyList<string> SessionSlugs, int Line);

public sealed record SessionContent
{
    /// <summary>The page's anchor name, for example <c>automated-migration</c>.</summary>
    public required string Slug { get; init; }
    /// <summary>The section heading.</summary>
    public required string Title { get; init; }
    /// <summary>The programme table's title when it differs from the heading; otherwise null.</summary>
    public string? ProgrammeTitle { get; init; }
    public required SessionKind Kind { get; init; }
    public required string AbstractMarkdown { get; init; }
    public IReadOnlyList<SessionPersonContent> People { get; init; } = [];
    public IReadOnlyList<LinkContent> Links { get; init; } = [];
    /// <summary>Line of the section heading (or programme row when the page has no section), for reports.</summary>
    public int Line { get; init; }
}

public sealed record PersonContent
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string? JobTitle { get; init; }
    public string? Company { get; init; }
    public string? Twitter { get; init; }
    public string? GitHub { get; init; }
    public string? LinkedIn { get; init; }
    public string? Website { get; init; }
}

public sealed record SessionPersonContent(PersonContent Person, PresenterRole Role);

public sealed record LinkContent(LinkKind Kind, string Url, string Label);

public sealed record SponsorContent(string Name, string Url);

public enum SessionKind
{
    Talk,
    Welcome,
    Panel,
    Forum,
    OfficeHours,
    Discussion,
    Workshop,
}

public enum PresenterRole
{
    Presenter,
    SessionLead,
    Panelist,
}

public enum LinkKind
{
    Recording,
    Slides,
    Reference,
    Demo,
    Proposal,
    Other,
}
