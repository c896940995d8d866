namespace Summit.Graph.Data.Entities;

/// <summary>
/// An editable row. <see cref="Version"/> is the optimistic concurrency token: the DbContext increments it
/// on every update, and an update whose original version no longer matches fails instead of overwriting.
/// </summary>
public interface IVersioned
{
    int Id { get; }
    int Version { get; set; }
    DateTime UpdatedAt { get; set; }
}
