namespace Summit.Graph.Data.Entities;

/// <summary>A person; one row however many sessions and editions they appear in.</summary>
public sealed class Presenter : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? JobTitle { get; set; }
    public string? Company { get; set; }
    public string? Twitter { get; set; }
    public string? GitHub { get; set; }
    public string? LinkedIn { get; set; }
    public string? Website { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when an editor deletes (or merges away) the person; hidden, and restorable.</summary>
    public DateTime? DeletedAt { get; set; }

    public List<SessionPresenter> Sessions { get; set; } = [];
}
