using System.ComponentModel;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Data.Entities;

public sealed class Session : IVersioned
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int? SlotId { get; set; }
    public Slot? Slot { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? ProgrammeTitle { get; set; }
    public SessionKind Kind { get; set; }
    public RichText Abstract { get; set; } = new();
    public PublicationStatus Status { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when an editor deletes the session; deleted sessions are hidden and can be restored.</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>When the schedule publishes the session (UTC); cleared once applied.</summary>
    public DateTime? PublishAt { get; set; }
    /// <summary>When the schedule turns the session back into a draft (UTC); cleared once applied.</summary>
    public DateTime? UnpublishAt { get; set; }

    public List<SessionPresenter> Presenters { get; set; } = [];
    public List<Link> Links { get; set; } = [];
}

[Description("Whether anonymous readers see a session.")]
public enum PublicationStatus
{
    [Description("Only editors and previewers see it.")]
    Draft,
    [Description("Everyone sees it.")]
    Published,
}
