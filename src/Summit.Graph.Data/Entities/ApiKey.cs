namespace Summit.Graph.Data.Entities;

/// <summary>
/// An editor's or previewer's bearer key. Only the SHA-256 hash of the key is stored: keys are 256 random
/// bits, so a fast hash is as good as a slow one and lets every request be checked cheaply.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ApiKeyRole Role { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    /// <summary>The key's first characters, so people can tell keys apart in listings.</summary>
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public enum ApiKeyRole
{
    /// <summary>Reads drafts and writes.</summary>
    Editor,
    /// <summary>Reads drafts only.</summary>
    Previewer,
}
