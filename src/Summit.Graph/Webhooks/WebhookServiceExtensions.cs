using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Webhooks;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;

namespace Summit.Graph.Webhooks;

public static class WebhookServiceExtensions
{
    /// <summary>The one outbox writer: stateless, it encodes ids as the API does.</summary>
    public static readonly WebhookOutbox Outbox = new(GlobalId.Encode);

    /// <summary>The outbox every writer queues events in, the sender, and its HTTP client with Polly's retries.</summary>
    public static WebApplicationBuilder AddSummitWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddSingleton(Outbox);
        services.AddHttpClient(WebhookSender.ClientName)
            // A receiver's redirect is its answer, not an address to post the event to.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler(WebhookSender.ClientName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(options.RetriesPerRound, 1),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryDelay,
                        MaxDelay = options.MaxRetryDelay,
                        ShouldHandle = args => ValueTask.FromResult(options.RetriesPerRound > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                        // A receiver's Retry-After would set a wait beyond MaxRetryDelay within the round, and a round
                        // must stay inside the delivery's lease (WebhookOptions.LongestRound); the next round's wait,
                        // kept in the database, grows on its own.
                        ShouldRetryAfterHeader = false,
                    })
                    .AddTimeout(options.AttemptTimeout);
            });
        services.AddHostedService<WebhookSender>();
        return builder;
    }

    /// <summary>
    /// Makes the stored endpoints from configuration match <see cref="WebhookOptions.Endpoints"/> (by URL: added, their
    /// secret and events updated, the ones no longer configured removed, one row per URL); editors' endpoints stay.
    /// Endpoints <c>registerWebhook</c> would refuse never get here: reading the options validates them
    /// (<see cref="WebhookOptions.Problem"/>).
    /// </summary>
    public static async Task SyncConfiguredWebhooksAsync(this IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Endpoints;
        await using var db = await services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync();
        var stored = await db.WebhookEndpoints.Where(e => e.FromConfiguration).ToListAsync();
        db.WebhookEndpoints.RemoveRange(stored.Where(s => !configured.Any(c => c.Url == s.Url)));
        foreach (var endpoint in configured)
        {
            var row = stored.Find(s => s.Url == endpoint.Url);
            if (row is null)
            {
                row = new WebhookEndpoint { Url = endpoint.Url, Secret = endpoint.Secret, FromConfiguration = true, CreatedAt = DateTime.UtcNow };
                db.WebhookEndpoints.Add(row);
            }

            row.Secret = endpoint.Secret;
            row.Events = string.Join(' ', endpoint.Events);
        }

        await db.SaveChangesAsync();

        // Instances starting together can each find a configured URL missing and add it: whichever saves last sees
        // every copy here and keeps the oldest, so no event is sent twice for good (a copy's queued events go with it;
        // the kept row has the same ones). Deleted by statement, which the other instance may already have done.
        List<int> copies = [.. (await db.WebhookEndpoints.Where(e => e.FromConfiguration).Select(e => new { e.Id, e.Url }).ToListAsync())
            .GroupBy(e => e.Url).SelectMany(same => same.OrderBy(e => e.Id).Skip(1)).Select(e => e.Id)];
        if (copies.Count > 0)
        {
            await db.WebhookDeliveries.Where(d => copies.Contains(d.EndpointId)).ExecuteDeleteAsync();
            await db.WebhookEndpoints.Where(e => copies.Contains(e.Id)).ExecuteDeleteAsync();
        }
    }
}

/// <summary>What makes a configured endpoint acceptable (<c>registerWebhook</c> checks its input by the same rules).</summary>
public static partial class WebhookEndpoints
{
    /// <summary>The longest secret stored.</summary>
    public const int MaxSecretLength = 200;

    /// <summary>Why <paramref name="url"/> cannot receive events; null when it can.</summary>
    public static string? UrlProblem(string? url) =>
        url is null || !MutationInput.IsHttpUrl(url) ? $"'{url}' is not an absolute http or https URL." : null;

    /// <summary>Why <paramref name="secret"/> cannot sign events; null when it can.</summary>
    public static string? SecretProblem(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength ? $"A secret of 1 to {MaxSecretLength} characters is required: receivers check the signature made with it." : null;

    /// <summary>Why <paramref name="name"/> names no events (<c>session.published</c>, <c>session.*</c> or <c>*</c>); null when it does.</summary>
    public static string? EventProblem(string? name) =>
        name is null || !EventName().IsMatch(name) ? $"'{name}' is not an event name such as session.published, session.* or *." : null;

    [GeneratedRegex(@"^(\*|[a-z]+\.(\*|published|unpublished|changed|deleted))$")]
    private static partial Regex EventName();
}
