namespace Summit.Graph.Data.Entities;

public sealed class Sponsor
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public int Position { get; set; }
}
