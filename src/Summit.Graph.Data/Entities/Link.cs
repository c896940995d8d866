using Summit.Graph.Content.Model;

namespace Summit.Graph.Data.Entities;

/// <summary>A link owned by exactly one session or event (a check constraint holds that).</summary>
public sealed class Link : IVersioned
{
    public int Id { get; set; }
    public LinkKind Kind { get; set; }
    public required string Url { get; set; }
    public required string Label { get; set; }
    public int Position { get; set; }
    /// <summary>The list item a reference is written in, when it says more than the link (<see cref="LinkContent.Markdown"/>).</summary>
    public string? Markdown { get; set; }
    public int? SessionId { get; set; }
    public Session? Session { get; set; }
    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}
