using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Webhooks;

/// <summary>
/// A committed change anonymous readers can see, about one object: <c>session.published</c>, <c>presenter.changed</c>...
/// </summary>
/// <param name="Type">The object's GraphQL type name (<c>Session</c>).</param>
/// <param name="Action">One of <see cref="WebhookActions"/>.</param>
/// <param name="EntityId">The object's database id; the event carries its global id.</param>
/// <param name="Slug">The object's slug, when it has one (sessions, presenters, editions).</param>
/// <param name="Edition">The slug of the edition it belongs to; null for people, who belong to none.</param>
/// <param name="Version">The object's version after the change.</param>
public sealed record WebhookEvent(string Type, string Action, int EntityId, string? Slug, string? Edition, int Version)
{
    /// <summary>The event's name: the type in lower case, a dot, the action (<c>session.published</c>).</summary>
    public string Name => $"{Type.ToLowerInvariant()}.{Action}";

    /// <summary>
    /// The event about <paramref name="entity"/> after a change, as editors' mutations and imports both send it: its
    /// slug when it has one, the edition's slug unless it is a person (people belong to no edition), its new version.
    /// </summary>
    /// <param name="type">The object's GraphQL type name (<c>Session</c>).</param>
    /// <param name="action">One of <see cref="WebhookActions"/>.</param>
    /// <param name="edition">The slug of the edition the change was made in.</param>
    public static WebhookEvent About(IVersioned entity, string type, string action, string? edition)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var slug = entity switch
        {
            Session session => session.Slug,
            Presenter presenter => presenter.Slug,
            Event ev => ev.Slug,
            _ => null,
        };
        return new WebhookEvent(type, action, entity.Id, slug, entity is Presenter ? null : edition, entity.Version);
    }
}

/// <summary>The actions of <see cref="WebhookEvent"/>, as they appear in event names.</summary>
public static class WebhookActions
{
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Changed = "changed";
    public const string Deleted = "deleted";

    /// <summary>What anonymous readers saw happen to an object; null when they could see it neither before nor after (a draft).</summary>
    public static string? Of(bool wasPublic, bool isPublic, bool deleted) => (wasPublic, isPublic) switch
    {
        (false, true) => Published,
        (true, false) => deleted ? Deleted : Unpublished,
        (true, true) => Changed,
        _ => null,
    };
}

/// <summary>
/// Writes events into the outbox (<see cref="WebhookDelivery"/>, one row per event and subscribed endpoint) on the
/// writer's own context, inside its transaction: the events commit with the change or not at all, and the sender
/// delivers them whenever it can, after a crash too.
/// </summary>
/// <param name="globalId">Encodes an object's global id from its type name and key (the API's own encoding).</param>
public sealed class WebhookOutbox(Func<string, int, string> globalId)
{
    /// <summary>The name of the event <see cref="AddPingAsync"/> writes; sent whatever the endpoint subscribes to.</summary>
    public const string Ping = "ping";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Queues every event for every endpoint that subscribes to it and saves; nothing when no endpoint exists.</summary>
    public async Task AddAsync(SummitDbContext db, IReadOnlyCollection<WebhookEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking().Select(e => new { e.Id, e.Events }).ToListAsync(cancellationToken);
        foreach (var change in events)
        {
            Queue(db, change, endpoints.Where(e => Subscribes(e.Events, change.Name)).Select(e => e.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queues a <c>ping</c> event about the endpoint for the endpoint alone and saves.</summary>
    public async Task AddPingAsync(SummitDbContext db, int endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Queue(db, new WebhookEvent("Webhook", Ping, endpointId, null, null, 0), [endpointId]);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether any delivery waits, asked with a plain statement (<see cref="PlainStatements"/>): the sender polls it often.</summary>
    public static Task<bool> HasPendingAsync(SummitDbContext db, CancellationToken cancellationToken) =>
        PlainStatements.AnyAsync(db, $"SELECT COUNT(*) FROM \"WebhookDeliveries\" WHERE \"Status\" = '{WebhookDeliveryStatus.Pending}'", cancellationToken);

    /// <summary>
    /// Whether an endpoint subscribed to <paramref name="events"/> (space- or comma-separated names, <c>type.*</c> or
    /// <c>*</c>; empty for every event) receives <paramref name="name"/>.
    /// </summary>
    public static bool Subscribes(string events, string name)
    {
        ArgumentNullException.ThrowIfNull(events);
        var patterns = events.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return name == Ping || patterns.Length == 0 || patterns.Any(pattern => pattern == "*" || pattern == name
            || (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal)));
    }

    private void Queue(SummitDbContext db, WebhookEvent change, IEnumerable<int> endpointIds)
    {
        var now = DateTime.UtcNow;
        var eventId = Guid.NewGuid().ToString();
        var name = change.Action == Ping ? Ping : change.Name;
        var id = globalId(change.Type, change.EntityId);
        var body = JsonSerializer.Serialize(new WebhookBody(eventId, name, change.Type, id, change.Slug, change.Edition, change.Version, now), Json);
        foreach (var endpointId in endpointIds)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = endpointId,
                EventId = eventId,
                EventName = name,
                Subject = $"{change.Type}:{change.EntityId}",
                Body = body,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }
    }

    /// <summary>The JSON body receivers get, in this member order.</summary>
    private sealed record WebhookBody(string EventId, string Event, string Type, string Id, string? Slug, string? Edition, int Version, DateTime Time);
}
