using System.ComponentModel;

namespace Summit.Graph.Data.Entities;

/// <summary>
/// One event for one endpoint: the outbox row a change writes in its own transaction, and the record of its delivery.
/// Rows of one endpoint and one <see cref="Subject"/> are sent in <see cref="Id"/> order, each only after the one before
/// was delivered or given up (<see cref="WebhookDeliveryStatus.Failed"/>); a failed one an editor redelivers is sent
/// again after whichever later ones were sent meanwhile.
/// </summary>
public sealed class WebhookDelivery
{
    public int Id { get; set; }

    public int EndpointId { get; set; }

    public WebhookEndpoint? Endpoint { get; set; }

    /// <summary>The event's id (a GUID), the same for every endpoint, sent as <c>X-Summit-Event-Id</c> for de-duplication.</summary>
    public required string EventId { get; set; }

    /// <summary>The event's name, for example <c>session.published</c>.</summary>
    public required string EventName { get; set; }

    /// <summary>What the event is about (<c>Session:12</c>): the unit of ordering.</summary>
    public required string Subject { get; set; }

    /// <summary>The exact JSON body sent and signed, the same on every attempt.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>How many rounds of sending were tried (each round is an HTTP attempt and its immediate retries).</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed (an HTTP status or a network error); null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>When the next attempt is due (UTC); once <see cref="WebhookDeliveryStatus.Failed"/>, when it was given up.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Until when an instance holds the row while sending it (UTC); other instances leave it alone until then.</summary>
    public DateTime? LeasedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }
}

[Description("Where a webhook delivery stands.")]
public enum WebhookDeliveryStatus
{
    [Description("Not delivered yet: waiting for its turn, its next attempt or an earlier event about the same object.")]
    Pending,
    [Description("The receiver answered with a 2xx status.")]
    Delivered,
    [Description("Given up: the receiver did not accept it within `Webhooks:GiveUpAfter` of the change (3 days by default) and in two rounds at least. Not tried again unless redelivered.")]
    Failed,
}
