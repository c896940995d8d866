namespace Summit.Graph.Data.Entities;

/// <summary>
/// The one row counting committed content changes across every writer of the database (each server instance and
/// the command line), so that every instance's HTTP validators and remembered counts change with them.
/// </summary>
public sealed class ContentVersion
{
    /// <summary>The row's key; there is only <see cref="SingleId"/>.</summary>
    public const int SingleId = 1;

    public int Id { get; set; }

    /// <summary>Increases with every committed change.</summary>
    public long Version { get; set; }

    /// <summary>Increases with every committed change anonymous readers could see.</summary>
    public long PublicVersion { get; set; }
}
