using Summit.Graph.Content.Model;

namespace Summit.Graph.Data.Entities;

/// <summary>One edition of the summit.</summary>
public sealed class Event : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Permalink { get; set; }
    public RichText Description { get; set; } = new();
    public string TimeZone { get; set; } = "UTC";
    public List<LocalHours> LocalHours { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public TimeOnly DailyStart { get; set; }
    public TimeOnly DailyEnd { get; set; }
    public int SlotMinutes { get; set; }
    public string? WhatsNextMarkdown { get; set; }
    /// <summary>The page's own wording around the content, kept for exports (one JSON column).</summary>
    public PageWording Wording { get; set; } = new();
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Day> Days { get; set; } = [];
    public List<Session> Sessions { get; set; } = [];
    public List<Sponsor> Sponsors { get; set; } = [];
    public List<Link> Links { get; set; } = [];
}

/// <summary>The event's daily hours in a zone the page shows next to UTC.</summary>
public sealed class LocalHours
{
    public required string Zone { get; set; }
    public TimeOnly DailyStart { get; set; }
    public TimeOnly DailyEnd { get; set; }
}
