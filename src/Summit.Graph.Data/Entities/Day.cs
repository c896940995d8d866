namespace Summit.Graph.Data.Entities;

public sealed class Day : IVersioned
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public DateOnly Date { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Slot> Slots { get; set; } = [];
}
