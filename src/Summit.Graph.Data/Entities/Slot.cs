namespace Summit.Graph.Data.Entities;

/// <summary>A time slot of a day, in UTC. Sessions on parallel tracks share a start time but not a slot.</summary>
public sealed class Slot : IVersioned
{
    public int Id { get; set; }
    public int DayId { get; set; }
    public Day? Day { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>Null for the main track; a name for an explicit parallel track.</summary>
    public string? Track { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Session> Sessions { get; set; } = [];
}
