using System.Text.Json;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Revisions;

/// <summary>
/// A session's full content, as revisions keep it, its publication and schedule included (kept for history;
/// <c>restoreSessionRevision</c> leaves both as they are). Revisions written before the schedule existed read it as null.
/// </summary>
public sealed record SessionSnapshot(
    string Slug, string Title, string? ProgrammeTitle, SessionKind Kind, string Abstract, PublicationStatus Status, int? SlotId,
    IReadOnlyList<SessionPresenterSnapshot> Presenters, IReadOnlyList<LinkSnapshot> Links, DateTime? PublishAt, DateTime? UnpublishAt)
{
    public static SessionSnapshot Of(Session s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Slug, s.Title, s.ProgrammeTitle, s.Kind, s.Abstract.Markdown, s.Status, s.SlotId,
            [.. s.Presenters.OrderBy(p => p.Position).Select(p => new SessionPresenterSnapshot(p.PresenterId, p.Role, p.Position))],
            [.. s.Links.OrderBy(l => l.Position).Select(l => new LinkSnapshot(l.Kind, l.Url, l.Label, l.Position))],
            s.PublishAt, s.UnpublishAt);
    }
}

public sealed record SessionPresenterSnapshot(int PresenterId, PresenterRole Role, int Position);

/// <summary>A person's full content, with the sessions they take part in, as revisions keep it.</summary>
public sealed record PresenterSnapshot(
    string Slug, string Name, string? JobTitle, string? Company, string? Twitter, string? GitHub, string? LinkedIn, string? Website,
    IReadOnlyList<PresenterRoleSnapshot> Sessions)
{
    /// <summary>The person's details and roles; <paramref name="p"/>'s sessions must be loaded.</summary>
    public static PresenterSnapshot Of(Presenter p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(
            p.Slug, p.Name, p.JobTitle, p.Company, p.Twitter, p.GitHub, p.LinkedIn, p.Website,
            [.. p.Sessions.Select(s => new PresenterRoleSnapshot(s.SessionId, s.Role, s.Position))]);
    }
}

public sealed record PresenterRoleSnapshot(int SessionId, PresenterRole Role, int Position);

/// <summary>An edition's own content (not its days and sessions, which have revisions of their own); its sponsors and links must be loaded.</summary>
public sealed record EventSnapshot(
    string Name, string? Permalink, string Description, string TimeZone, DateOnly StartDate, DateOnly EndDate, TimeOnly DailyStart, TimeOnly DailyEnd,
    int SlotMinutes, string? WhatsNextMarkdown, IReadOnlyList<SponsorSnapshot> Sponsors, IReadOnlyList<LinkSnapshot> Links)
{
    public static EventSnapshot Of(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Name, e.Permalink, e.Description.Markdown, e.TimeZone, e.StartDate, e.EndDate, e.DailyStart, e.DailyEnd, e.SlotMinutes, e.WhatsNextMarkdown,
            [.. e.Sponsors.OrderBy(s => s.Position).Select(s => new SponsorSnapshot(s.Name, s.Url))],
            [.. e.Links.OrderBy(l => l.Position).Select(l => new LinkSnapshot(l.Kind, l.Url, l.Label, l.Position))]);
    }
}

public sealed record SponsorSnapshot(string Name, string Url);

/// <summary>A day of an edition, as revisions keep it.</summary>
public sealed record DaySnapshot(int EventId, DateOnly Date, DateTime StartsAt, DateTime EndsAt)
{
    public static DaySnapshot Of(Day d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.EventId, d.Date, d.StartsAt, d.EndsAt);
    }
}

/// <summary>A time slot of a day, as revisions keep it.</summary>
public sealed record SlotSnapshot(int DayId, DateTime StartsAt, DateTime EndsAt, string? Track)
{
    public static SlotSnapshot Of(Slot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.DayId, s.StartsAt, s.EndsAt, s.Track);
    }
}

public sealed record LinkSnapshot(LinkKind Kind, string Url, string Label, int Position);

/// <summary>How a revision's previous content is written and read: the one JSON form every writer of revisions uses.</summary>
public static class RevisionSnapshots
{
    /// <summary>Enums by name and camelCase members: snapshots stay readable, and valid when enums gain members.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Write(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(snapshot, snapshot.GetType(), Json);
    }

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Json);
}
