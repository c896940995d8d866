using System.Text.Json;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Revisions;

/// <summary>A session's full content, as revisions keep it.</summary>
public sealed record SessionSnapshot(
    string Slug, string Title, string? ProgrammeTitle, SessionKind Kind, string Abstract, PublicationStatus Status, int? SlotId,
    IReadOnlyList<SessionPresenterSnapshot> Presenters, IReadOnlyList<LinkSnapshot> Links)
{
    public static SessionSnapshot Of(Session s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Slug, s.Title, s.ProgrammeTitle, s.Kind, s.Abstract.Markdown, s.Status, s.SlotId,
            [.. s.Presenters.OrderBy(p => p.Position).Select(p => new SessionPresenterSnapshot(p.PresenterId, p.Role, p.Position))],
            [.. s.Links.OrderBy(l => l.Position).Select(l => new LinkSnapshot(l.Kind, l.Url, l.Label, l.Position))]);
    }
}

public sealed record SessionPresenterSnapshot(int PresenterId, PresenterRole Role, int Position);

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
