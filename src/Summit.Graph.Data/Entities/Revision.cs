using System.ComponentModel;

namespace Summit.Graph.Data.Entities;

/// <summary>
/// One change to one object: who made it, when, which fields changed, and the object's full content
/// before the change (JSON), so any earlier version can be restored and nothing is ever lost.
/// </summary>
public sealed class Revision
{
    public int Id { get; set; }
    /// <summary>The GraphQL type name of the changed object (<c>Session</c>, <c>Presenter</c>, ...).</summary>
    public required string EntityType { get; set; }
    public int EntityId { get; set; }
    /// <summary>The object's version before the change; 0 when the change created it.</summary>
    public int Version { get; set; }
    public RevisionOperation Operation { get; set; }
    /// <summary>The name of the key that made the change (or <c>import</c>).</summary>
    public required string Author { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Comma-separated names of the fields the change touched.</summary>
    public required string ChangedFields { get; set; }
    /// <summary>The full content before the change, as JSON; null when the change created the object.</summary>
    public string? PreviousContent { get; set; }
}

[Description("What kind of change a revision records.")]
public enum RevisionOperation
{
    [Description("The object was created.")]
    Create,
    [Description("Fields changed.")]
    Update,
    [Description("The object was deleted (restorable).")]
    Delete,
    [Description("A deletion or an earlier revision was restored.")]
    Restore,
    [Description("The session was published.")]
    Publish,
    [Description("The session went back to draft.")]
    Unpublish,
    [Description("The session was put into a slot.")]
    Schedule,
    [Description("The session was taken out of its slot.")]
    Unschedule,
    [Description("Two records of one person were merged.")]
    Merge,
}
