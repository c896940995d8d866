using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Auth;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Http;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Webhooks;

/// <summary>A receiver of webhook events. Its secret is never readable.</summary>
public sealed class WebhookGraphType : ObjectGraphType<WebhookEndpoint>
{
    public const string TypeName = "Webhook";

    public WebhookGraphType()
    {
        Name = TypeName;
        Description = "A receiver of webhook events: the server POSTs a signed JSON event to it for every change anonymous readers can see.";
        Field<NonNullGraphType<IdGraphType>, string>("id").Description("The webhook's ID.").Resolve(context => GlobalId.Encode(TypeName, context.Source.Id));
        Field<NonNullGraphType<StringGraphType>, string>("url").Description("Where events are POSTed.").Resolve(context => context.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, string[]>("events")
            .Description("The event names it receives (`session.published`, `session.*`); empty for every public change. `ping` always.")
            .Resolve(context => context.Source.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Field<NonNullGraphType<BooleanGraphType>, bool>("fromConfiguration")
            .Description("Whether it comes from configuration (`Webhooks:Endpoints`), which alone changes or removes it.")
            .Resolve(context => context.Source.FromConfiguration);
        Field<NonNullGraphType<DateTimeGraphType>, DateTime>("createdAt").Description("When it was registered (UTC).").Resolve(context => context.Source.CreatedAt);
    }

    /// <summary>The webhook with that id, for a mutation's payload.</summary>
    public static IDataLoaderResult<object?> Load(IResolveFieldContext context, int id) =>
        new BatchLoader<int, WebhookEndpoint>(async (ids, cancellationToken) =>
        {
            await using var db = await context.RequestServices!.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync(cancellationToken);
            return await db.WebhookEndpoints.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        }).Load(id).Then(endpoint => (object?)endpoint);

    /// <summary>The <c>webhooks</c> and <c>webhookDeliveries</c> query fields: editor keys only.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookGraphType>>>, IReadOnlyList<WebhookEndpoint>>("webhooks")
            .Description("Every webhook, from configuration and registered, oldest first (editor keys only).")
            .ResolveAsync(async context =>
            {
                await using var db = await EditorDatabaseAsync(context);
                return await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).ToListAsync(context.CancellationToken);
            })
            .FieldType.WithAssumedSize(10).ReadsOperationalState();
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryGraphType>>>, IReadOnlyList<WebhookDelivery>>("webhookDeliveries")
            .Description("Webhook deliveries, newest first: what was sent where, whether it arrived, and when it is tried again (editor keys only). Delivered and failed ones are kept for `Webhooks:FinishedRetention` (30 days by default) after they finished, pending ones until they finish.")
            .Argument<IntGraphType>("limit", "How many, newest first (1 to 100; default 50).")
            .Argument<WebhookDeliveryStatusGraphType>("status", "Only deliveries with this status.")
            .Argument<IdGraphType>("webhookId", "Only deliveries to this webhook.")
            .ResolveAsync(async context =>
            {
                var limit = context.GetArgument<int?>("limit") ?? 50;
                if (limit is < 1 or > 100)
                {
                    throw new QueryArgumentException($"limit must be between 1 and 100, not {limit}.", "PAGING_INVALID");
                }

                var status = context.GetArgument<WebhookDeliveryStatus?>("status");
                var webhookId = context.GetArgument<string?>("webhookId") is { } id ? GlobalId.Decode(id, TypeName) : (int?)null;
                await using var db = await EditorDatabaseAsync(context);
                return await db.WebhookDeliveries.AsNoTracking()
                    .Where(d => (status == null || d.Status == status) && (webhookId == null || d.EndpointId == webhookId))
                    .OrderByDescending(d => d.Id).Take(limit)
                    .ToListAsync(context.CancellationToken);
            })
            .FieldType.WithAssumedSize(100).ReadsOperationalState();
    }

    private static async Task<SummitDbContext> EditorDatabaseAsync(IResolveFieldContext context)
    {
        if (!context.User.CanWrite())
        {
            throw new QueryArgumentException("Webhooks and their deliveries are visible to editor keys only.", MutationAuthorizationRule.NotAuthorized);
        }

        return await context.RequestServices!.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync(context.CancellationToken);
    }
}

/// <summary>One event for one webhook, and how sending it went.</summary>
public sealed class WebhookDeliveryGraphType : ObjectGraphType<WebhookDelivery>
{
    public const string TypeName = "WebhookDelivery";

    public WebhookDeliveryGraphType()
    {
        Name = TypeName;
        Description = "One event for one webhook: the outbox row the change wrote, and how sending it went.";
        Field<NonNullGraphType<IdGraphType>, string>("id").Description("The delivery's ID.").Resolve(context => GlobalId.Encode(Name, context.Source.Id));
        Field<NonNullGraphType<IdGraphType>, string>("webhookId").Description("The webhook it goes to.").Resolve(context => GlobalId.Encode(WebhookGraphType.TypeName, context.Source.EndpointId));
        Field<NonNullGraphType<StringGraphType>, string>("eventId").Description("The event's id, sent as `X-Summit-Event-Id`: the same for every webhook and attempt.").Resolve(context => context.Source.EventId);
        Field<NonNullGraphType<StringGraphType>, string>("event").Description("The event's name, for example `session.published`.").Resolve(context => context.Source.EventName);
        Field<NonNullGraphType<StringGraphType>, string>("body").Description("The JSON body sent (and signed).").Resolve(context => context.Source.Body);
        Field<NonNullGraphType<WebhookDeliveryStatusGraphType>, WebhookDeliveryStatus>("status")
            .Description("PENDING until the receiver answers 2xx, then DELIVERED; FAILED when it has not within `Webhooks:GiveUpAfter` of the change (3 days by default) and in two rounds at least.")
            .Resolve(context => context.Source.Status);
        Field<NonNullGraphType<IntGraphType>, int>("attempts").Description("How many rounds of sending were tried; each round is an HTTP attempt and its immediate retries.").Resolve(context => context.Source.Attempts);
        Field<StringGraphType, string?>("lastError").Description("Why the last attempt failed; null once delivered.").Resolve(context => context.Source.LastError);
        Field<NonNullGraphType<DateTimeGraphType>, DateTime>("nextAttemptAt").Description("While PENDING, when it is tried next; once FAILED, when it was given up; once DELIVERED, when its last round was due (UTC).").Resolve(context => context.Source.NextAttemptAt);
        Field<NonNullGraphType<DateTimeGraphType>, DateTime>("createdAt").Description("When the change was committed (UTC).").Resolve(context => context.Source.CreatedAt);
        Field<DateTimeGraphType, DateTime?>("deliveredAt").Description("When the receiver accepted it (UTC).").Resolve(context => context.Source.DeliveredAt);
    }

    /// <summary>The delivery with that id, for a mutation's payload.</summary>
    public static IDataLoaderResult<object?> Load(IResolveFieldContext context, int id) =>
        new BatchLoader<int, WebhookDelivery>(async (ids, cancellationToken) =>
        {
            await using var db = await context.RequestServices!.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync(cancellationToken);
            return await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        }).Load(id).Then(delivery => (object?)delivery);
}

/// <summary><c>WebhookDeliveryStatus</c>: PENDING, DELIVERED or FAILED.</summary>
public sealed class WebhookDeliveryStatusGraphType : EnumerationGraphType<WebhookDeliveryStatus>;
