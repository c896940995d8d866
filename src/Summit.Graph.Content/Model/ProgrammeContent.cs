using System.ComponentModel;

namespace Summit.Graph.Content.Model;

/// <summary>
/// One edition of the summit as read from a page: the reader's output and the importer's input.
/// Plain data with no identity; the importer matches it to stored rows by slug.
/// </summary>
public sealed record EventContent
{
    public required string Slug { get; init; }
    public required string Name { get; init => field = TextNormalization.Clean(value); }
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
    /// <summary>The page's own sentences around the content, so an export writes the page back as it was.</summary>
    public PageWording Wording { get; init; } = new();
}

/// <summary>
/// Text a page wraps around its content that no API field serves, kept as written (Markdown) so that an
/// export reproduces the page. Null where the page has none.
/// </summary>
public sealed record PageWording
{
    /// <summary>The front matter lines between the <c>---</c> fences; an export writes the current title and permalink into them.</summary>
    public string? FrontMatter { get; init; }
    /// <summary>The sentence introducing the dates and daily hours ("The event took place online during two half-days:").</summary>
    public string? WhenIntro { get; init; }
    /// <summary>The text between the programme's heading and the programme itself ("All times are in UTC.").</summary>
    public string? ProgrammeIntro { get; init; }
    /// <summary>The sentence introducing the session details.</summary>
    public string? SessionDetailsIntro { get; init; }
    /// <summary>The words before the sponsors' links ("The KubeVirt Summit is sponsored by the").</summary>
    public string? SponsorsLeadIn { get; init; }
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
    public required string Title { get; init => field = TextNormalization.Clean(value); }
    /// <summary>The programme table's title when it differs from the heading; otherwise null.</summary>
    public string? ProgrammeTitle { get; init => field = TextNormalization.CleanOrNull(value); }
    public required SessionKind Kind { get; init; }
    public required string AbstractMarkdown { get; init; }
    public IReadOnlyList<SessionPersonContent> People { get; init; } = [];
    public IReadOnlyList<LinkContent> Links { get; init; } = [];
    /// <summary>Line of the section heading (or programme row when the page has no section), for reports.</summary>
    public int Line { get; init; }
}

/// <summary>A person as a page describes them; every detail is normalised text (see <see cref="TextNormalization"/>).</summary>
public sealed record PersonContent
{
    public required string Slug { get; init; }
    public required string Name { get; init => field = TextNormalization.Clean(value); }
    public string? JobTitle { get; init => field = TextNormalization.CleanOrNull(value); }
    public string? Company { get; init => field = TextNormalization.CleanOrNull(value); }
    public string? Twitter { get; init => field = TextNormalization.CleanOrNull(value); }
    public string? GitHub { get; init => field = TextNormalization.CleanOrNull(value); }
    public string? LinkedIn { get; init => field = TextNormalization.CleanOrNull(value); }
    public string? Website { get; init => field = TextNormalization.CleanOrNull(value); }
}

/// <summary>A person's part in a session.</summary>
/// <param name="Credit">
/// The person line as the 2021 layout writes it (<c>Name, Job title, Company, links</c>): as written on a page in
/// that layout, or composed from the person's details by readers of layouts that write no such line. Empty when
/// the page names the person only in the abstract's prose, so an export writes no line for them.
/// </param>
public sealed record SessionPersonContent(PersonContent Person, PresenterRole Role, string Credit)
{
    public string Credit { get; init; } = TextNormalization.Clean(Credit);

    public bool NamedInAbstract => Credit.Length == 0;
}

/// <param name="Markdown">The list item a reference is written in when it says more than the link ("Konveyor's [Forklift](…)."); otherwise null.</param>
public sealed record LinkContent(LinkKind Kind, string Url, string Label, string? Markdown = null)
{
    public string Url { get; init; } = TextNormalization.Clean(Url);

    public string Label { get; init; } = TextNormalization.Clean(Label);
}

public sealed record SponsorContent(string Name, string Url)
{
    public string Name { get; init; } = TextNormalization.Clean(Name);

    public string Url { get; init; } = TextNormalization.Clean(Url);
}

[Description("What kind of session it is.")]
public enum SessionKind
{
    [Description("A talk by one or more presenters.")]
    Talk,
    [Description("The opening session.")]
    Welcome,
    [Description("A panel discussion.")]
    Panel,
    [Description("An open discussion of a topic.")]
    Forum,
    [Description("Questions and answers with maintainers.")]
    OfficeHours,
    [Description("A discussion led by a session lead.")]
    Discussion,
    [Description("A hands-on workshop or tutorial.")]
    Workshop,
}

[Description("A person's role in a session.")]
public enum PresenterRole
{
    [Description("Presents the session.")]
    Presenter,
    [Description("Leads a discussion.")]
    SessionLead,
    [Description("Sits on the panel.")]
    Panelist,
}

[Description("What a link points to.")]
public enum LinkKind
{
    [Description("The recording of the session.")]
    Recording,
    [Description("The slides.")]
    Slides,
    [Description("Further reading.")]
    Reference,
    [Description("A demo.")]
    Demo,
    [Description("The proposal the programme links to before the event.")]
    Proposal,
    [Description("Anything else.")]
    Other,
}
