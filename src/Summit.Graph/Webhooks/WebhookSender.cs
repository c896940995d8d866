using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Webhooks;
using Summit.Graph.Hosting;
using Summit.Graph.Telemetry;

namespace Summit.Graph.Webhooks;

/// <summary>
/// Delivers the outbox (<see cref="WebhookDelivery"/> rows written with each change): every
/// <see cref="WebhookOptions.PollInterval"/> it takes the due deliveries whose earlier events about the same object and
/// endpoint are no longer pending (delivered, or given up), claims each with a guarded update (a lease on the row, so with several instances one sends
/// it), POSTs the signed body through the <c>webhooks</c> HTTP client (Polly retries with exponential backoff within a
/// round) and records the outcome: delivered, or the error and the next round's time, which doubles per failed round.
/// A delivery that has failed a round before, and fails again more than <see cref="WebhookOptions.GiveUpAfter"/> after its
/// change, is marked failed instead, which lets the later events about the same object go on.
/// Sending is at least once: a process that dies mid-send leaves the lease to expire and the row to be sent again. A
/// lease outlasts a round (<see cref="WebhookOptions.LongestRound"/>, checked at start), and an outcome is recorded only
/// while this instance still holds the lease it claimed, so a row another instance took over keeps that one's record.
/// Every <see cref="WebhookOptions.RetentionSweepInterval"/> it deletes the rows delivered or given up longer than
/// <see cref="WebhookOptions.FinishedRetention"/> ago (one statement; instances sweeping together delete each row once).
/// </summary>
public sealed partial class WebhookSender(
    IDbContextFactory<SummitDbContext> contexts, IHttpClientFactory clients, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : BackgroundService
{
    /// <summary>The name of the HTTP client (and its resilience pipeline) deliveries go through.</summary>
    public const string ClientName = "webhooks";

    private readonly WebhookOptions settings = options.Value;
    private readonly OutageLog outage = new(logger, "The webhook outbox could not be read ({Reason}); retrying.", "The webhook outbox can be read again.");
    private readonly OutageLog sweepOutage = new(logger, "Old webhook deliveries could not be deleted ({Reason}); trying again after Webhooks:RetentionSweepInterval.", "Old webhook deliveries can be deleted again.");
    private DateTime nextSweepAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            await outage.TryAsync(async token => sent = await SendDueAsync(token), stoppingToken);
            // Apart from the sends: a sweep that fails (a lock, a timeout) neither holds them back nor reads as an outbox outage.
            await sweepOutage.TryAsync(SweepFinishedAsync, stoppingToken);

            // A full batch means more may be due at once.
            if (sent < settings.Concurrency * 4)
            {
                await Task.Delay(settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deletes the rows delivered or given up before <see cref="WebhookOptions.FinishedRetention"/>, when a sweep is due.</summary>
    private async Task SweepFinishedAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now < nextSweepAt)
        {
            return;
        }

        // Set first: a sweep that fails is tried again an interval later, not at every poll.
        nextSweepAt = settings.NextSweepAt(now);
        if (settings.FinishedBefore(now) is not { } finishedBefore)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A failed row's NextAttemptAt is when it was given up.
        var deleted = await db.WebhookDeliveries
            .Where(d => (d.Status == WebhookDeliveryStatus.Delivered && d.DeliveredAt < finishedBefore)
                || (d.Status == WebhookDeliveryStatus.Failed && d.NextAttemptAt < finishedBefore))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogSwept(logger, deleted, finishedBefore);
        }
    }

    /// <summary>Sends what is due now; returns how many deliveries were tried.</summary>
    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await WebhookOutbox.HasPendingAsync(db, cancellationToken))
        {
            return 0;
        }

        var now = DateTime.UtcNow;
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
            .Where(d => !db.WebhookDeliveries.Any(earlier => earlier.EndpointId == d.EndpointId && earlier.Subject == d.Subject
                && earlier.Status == WebhookDeliveryStatus.Pending && earlier.Id < d.Id))
            // Oldest due first, not oldest row first: rows failing again and again at a receiver that is down would
            // otherwise fill every batch and starve the deliveries queued after them.
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Take(settings.Concurrency * 4)
            .Select(d => new Due(d.Id, d.EventId, d.EventName, d.Body, d.Attempts, d.CreatedAt, d.Endpoint!.Url, d.Endpoint.Secret))
            .ToListAsync(cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (delivery, token) => await DeliverAsync(delivery, token));
        return due.Count;
    }

    private async Task DeliverAsync(Due delivery, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        // The lease is also this claim's token, compared when the outcome is written: whole microseconds, which every
        // database keeps exactly (PostgreSQL's timestamps hold no finer).
        var leasedUntil = now + settings.Lease;
        leasedUntil = leasedUntil.AddTicks(-(leasedUntil.Ticks % 10));
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Pending && (d.LeasedUntil == null || d.LeasedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeasedUntil, leasedUntil), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var error = await SendAsync(delivery, cancellationToken);
        var attempts = delivery.Attempts + 1;
        var finished = DateTime.UtcNow;
        var held = db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeasedUntil == leasedUntil);
        if (error is null)
        {
            var recorded = await held.ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.DeliveredAt, finished)
                .SetProperty(d => d.LeasedUntil, (DateTime?)null), CancellationToken.None);
            WarnIfLeaseLost(recorded, delivery, "delivered");
            if (recorded > 0)
            {
                GraphQLTelemetry.CountWebhookRound("delivered");
            }

            return;
        }

        // Two failed rounds at least: one transient error after a long outage of the sender gives nothing up.
        var givenUp = attempts >= 2 && finished - delivery.CreatedAt > settings.GiveUpAfter;
        // A failed row keeps when it was given up where a pending one keeps its next attempt.
        var next = givenUp ? finished : finished + Backoff(attempts);
        var failed = await held.ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Status, givenUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.LastError, error.Length > 500 ? error[..500] : error)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LeasedUntil, (DateTime?)null), CancellationToken.None);
        WarnIfLeaseLost(failed, delivery, $"failed ({error})");
        if (failed == 0)
        {
            return;
        }

        GraphQLTelemetry.CountWebhookRound(givenUp ? "given_up" : "retry");
        if (givenUp)
        {
            LogGivenUp(logger, delivery.EventName, delivery.Url, attempts, delivery.CreatedAt, error);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Webhook {Event} to {Url} failed ({Error}); attempt {Attempt} at {Next:O}.", delivery.EventName, delivery.Url, error, attempts + 1, next);
        }
    }

    /// <summary>
    /// A send whose row is no longer this sender's: its lease ended (the database or the process stalled) and the row
    /// may be another instance's, whose record stands, or the webhook was removed meanwhile. The receiver may get the
    /// event twice, as at-least-once sending allows.
    /// </summary>
    private void WarnIfLeaseLost(int recorded, Due delivery, string outcome)
    {
        if (recorded == 0)
        {
            logger.LogWarning("Webhook {Event} to {Url} {Outcome}, but the delivery was no longer held by this sender (its lease of Webhooks:Lease ended, or the webhook was removed); the outcome was not recorded.",
                delivery.EventName, delivery.Url, outcome);
        }
    }

    /// <summary>The wait after <paramref name="failedRounds"/> failed rounds: <see cref="WebhookOptions.RetryDelay"/> doubled per round, capped.</summary>
    private TimeSpan Backoff(int failedRounds) =>
        TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * Math.Pow(2, Math.Min(failedRounds - 1, 30)), settings.MaxRetryDelay.Ticks));

    /// <summary>POSTs the signed body; null on a 2xx answer, else what went wrong.</summary>
    private async Task<string?> SendAsync(Due delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(delivery.Secret, delivery.Body));
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId);
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventName);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return exception.Message;
        }
    }

    private sealed record Due(int Id, string EventId, string EventName, string Body, int Attempts, DateTime CreatedAt, string Url, string Secret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook deliveries delivered or given up before {FinishedBefore:O} (Webhooks:FinishedRetention).")]
    private static partial void LogSwept(ILogger logger, int count, DateTime finishedBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Event} to {Url} given up after {Attempts} failed rounds since {CreatedAt:O} (Webhooks:GiveUpAfter); the last: {Error}. The events after it about the same object go on; redeliverWebhookDelivery tries it again.")]
    private static partial void LogGivenUp(ILogger logger, string @event, string url, int attempts, DateTime createdAt, string error);
}
