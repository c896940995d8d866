using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.Webhooks;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Webhooks;

/// <summary>Registering, testing and removing webhooks (the ones from configuration change only there), and redelivering a failed delivery.</summary>
public static class WebhookMutations
{
    private const string Type = WebhookGraphType.TypeName;

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<RegisterWebhookInput>("registerWebhook", "Registers a webhook: every change anonymous readers can see is POSTed to it, signed with its secret.")
            .Returns("webhook", Type, WebhookGraphType.Load, "The new webhook.")
            .Handle(RegisterAsync);

        mutations.Add<TestWebhookInput>("testWebhook", "Sends a `ping` event to a webhook, through the outbox like every event; see `webhookDeliveries` for the outcome.")
            .Errors(NotFound)
            .Returns("webhook", Type, WebhookGraphType.Load, "The webhook pinged.")
            .Handle(async (scope, input, cancellationToken) =>
            {
                var endpoint = await FindAsync(scope, input.Id(i => i.Id), input, cancellationToken);
                await WebhookServiceExtensions.Outbox.AddPingAsync(scope.Db, endpoint.Id, cancellationToken);
                return new MutationResult(endpoint.Id);
            });

        mutations.Add<RedeliverWebhookDeliveryInput>("redeliverWebhookDelivery", "Tries a FAILED delivery again: one more round of sending, due now; if it fails, the delivery is FAILED again. It goes before the object's later events that no sender has taken yet, so it may arrive after newer ones: keep the highest `version` seen.")
            .Errors(NotFound)
            .Returns("webhookDelivery", WebhookDeliveryGraphType.TypeName, WebhookDeliveryGraphType.Load, "The delivery redelivered.")
            .Handle(RedeliverAsync);

        mutations.Add<RemoveWebhookInput>("removeWebhook", "Removes a registered webhook and its deliveries, sent or not.")
            .Errors(NotFound)
            .Returns("webhook", Type, WebhookGraphType.Load, "Always null: the webhook is removed.")
            .Handle(async (scope, input, cancellationToken) =>
            {
                var endpoint = await FindAsync(scope, input.Id(i => i.Id), input, cancellationToken);
                if (endpoint.FromConfiguration)
                {
                    input.Problem(i => i.Id, "The webhook comes from configuration (Webhooks:Endpoints); remove it there.");
                    input.ThrowIfInvalid();
                }

                scope.Db.WebhookEndpoints.Remove(endpoint);
                return new MutationResult(null);
            });
    }

    /// <summary>
    /// One guarded statement, as the sender's own updates: a delivery is put back only while it is FAILED, so two editors
    /// redelivering at once, or a sweep deleting it meanwhile, cannot send a finished delivery again.
    /// </summary>
    private static async Task<MutationResult> RedeliverAsync(EditScope scope, MutationInput<RedeliverWebhookDeliveryInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var now = DateTime.UtcNow;
        var redelivered = await scope.Db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        if (redelivered == 0)
        {
            var status = await scope.Db.WebhookDeliveries.Where(d => d.Id == id).Select(d => (WebhookDeliveryStatus?)d.Status).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ContentException(NotFoundError.For(WebhookDeliveryGraphType.TypeName, id, "webhook delivery"));

            input.Problem(i => i.Id, $"Only a FAILED delivery can be redelivered; this one is {status.ToString().ToUpperInvariant()}.");
            input.ThrowIfInvalid();
        }

        return new MutationResult(id);
    }

    private static async Task<MutationResult> RegisterAsync(EditScope scope, MutationInput<RegisterWebhookInput> input, CancellationToken cancellationToken)
    {
        var url = input.Url(i => i.Url, required: true);
        var secret = input.Text(i => i.Secret, WebhookEndpoints.MaxSecretLength);
        var events = input.Value.Events ?? [];
        foreach (var problem in events.Select(WebhookEndpoints.EventProblem).OfType<string>())
        {
            input.Problem(i => i.Events, problem);
        }

        input.ThrowIfInvalid();
        var endpoint = new WebhookEndpoint { Url = url!, Secret = secret, Events = string.Join(' ', events), CreatedAt = DateTime.UtcNow };
        scope.Db.WebhookEndpoints.Add(endpoint);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(endpoint.Id);
    }

    private static async Task<WebhookEndpoint> FindAsync<TInput>(EditScope scope, int id, MutationInput<TInput> input, CancellationToken cancellationToken)
        where TInput : class
    {
        input.ThrowIfInvalid();
        return await scope.Db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new ContentException(NotFoundError.For(Type, id, "webhook"));
    }
}

public sealed record RegisterWebhookInput(
    [property: Description("The absolute http or https URL events are POSTed to.")] string Url,
    [property: Description("The key of the `X-Summit-Signature-256` HMAC-SHA256 (1 to 200 characters); it is never shown again.")] string Secret,
    [property: Description("The event names to send (`session.published`, `session.*`, `*`); omitted or empty for every public change.")] IReadOnlyList<string>? Events);

public sealed record TestWebhookInput(
    [property: Description("The webhook."), GlobalId("Webhook")] string Id);

public sealed record RemoveWebhookInput(
    [property: Description("The webhook."), GlobalId("Webhook")] string Id);

public sealed record RedeliverWebhookDeliveryInput(
    [property: Description("The failed delivery."), GlobalId(WebhookDeliveryGraphType.TypeName)] string Id);
