namespace Summit.Graph.Data.Entities;

/// <summary>
/// A receiver of webhook events: an editor registered it, or it comes from configuration (<c>Webhooks:Endpoints</c>,
/// written here at start-up so every writer of the database, the command line included, queues its events).
/// </summary>
public sealed class WebhookEndpoint
{
    public int Id { get; set; }

    /// <summary>The absolute http(s) URL events are POSTed to.</summary>
    public required string Url { get; set; }

    /// <summary>The HMAC-SHA256 key of the <c>X-Summit-Signature-256</c> header; never shown by the API.</summary>
    public required string Secret { get; set; }

    /// <summary>Space-separated event names (<c>session.published</c>, <c>session.*</c>); empty for every public change.</summary>
    public string Events { get; set; } = "";

    /// <summary>Whether the endpoint comes from configuration, which adds, updates and removes it at start-up.</summary>
    public bool FromConfiguration { get; set; }

    public DateTime CreatedAt { get; set; }
}
