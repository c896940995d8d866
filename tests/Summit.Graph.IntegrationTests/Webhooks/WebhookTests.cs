using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Import;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;
using Summit.Graph.Webhooks;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks as a receiver meets them: a real HTTP receiver on loopback gets a signed JSON event for every change
/// anonymous readers can see, in order per object, also after it was down; editors register, test and remove webhooks.
/// </summary>
public sealed class WebhookTests(WebhookServer fixture) : IClassFixture<WebhookServer>
{
    private const string Config = WebhookServer.ConfiguredPath;
    private static readonly string[] SessionEvents = ["session.*"];
    private static readonly string[] MisspelledEvents = ["sessions"];
    private readonly WebhookReceiver receiver = fixture.Receiver;
    private readonly Editor editor = fixture.Editor;

    [Fact]
    public async Task ImportAnnouncesTheEditionAndItsSessionsSignedWithTheConfiguredSecret()
    {
        var hotplug = await fixture.SessionAsync("hotplug");
        var received = await receiver.WaitForAsync(r => r.Any(IsHotplugPublished), "session.published of hotplug");
        var published = received.First(IsHotplugPublished);
        var edition = await receiver.WaitForAsync(r => r.Any(e => e.Name == "event.published"), "event.published");

        Assert.True(published.SignedWith(WebhookServer.ConfiguredSecret));
        Assert.False(published.SignedWith("another secret"));
        Assert.Equal(published.Json["eventId"]!.GetValue<string>(), published.EventId);
        Assert.Equal("session.published", published.Event);
        Assert.Equal(hotplug.Text("id"), published.Json["id"]!.GetValue<string>());
        Assert.Equal("Session", published.Json["type"]!.GetValue<string>());
        Assert.Equal("kubevirt-summit-2021", published.Json["edition"]!.GetValue<string>());
        Assert.Equal(1, published.Json["version"]!.GetValue<int>());
        Assert.True(DateTime.TryParse(published.Json["time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && time.Kind == DateTimeKind.Utc);
        Assert.Equal("kubevirt-summit-2021", edition.Single(e => e.Name == "event.published").Json["slug"]!.GetValue<string>());

        static bool IsHotplugPublished(ReceivedWebhook r) => r.Path == Config && r.Name == "session.published" && r.Json["slug"]?.GetValue<string>() == "hotplug";
    }

    [Fact]
    public async Task DraftChangesSendNothingAndASessionsEventsArriveInOrderThoughEachFailsTwice()
    {
        // Each event's first two POSTs fail: one round with Polly's retry, then a later round from the outbox.
        receiver.Answer = attempt => attempt <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        try
        {
            var draft = await fixture.CreateDraftAsync("Webhook order");
            var slug = draft.Text("slug");
            await fixture.ChangeAsync("updateSession", slug, new { title = "Webhook order, still a draft" });
            await fixture.ChangeAsync("publishSession", slug);
            await fixture.ChangeAsync("updateSession", slug, new { title = "Webhook order, published" });
            await fixture.ChangeAsync("unpublishSession", slug);
            await fixture.ChangeAsync("updateSession", slug, new { title = "Webhook order, a draft again" });

            var events = await receiver.WaitForAsync(_ => receiver.About(draft.Text("id"), Config).Count >= 3, "three events of the session");
            var about = receiver.About(draft.Text("id"), Config);

            // Events of one object are sent one after the other, so a draft's event would have come first.
            Assert.Equal(["session.published", "session.changed", "session.unpublished"], about.Select(e => e.Name));
            Assert.Equal([3, 4, 5], about.Select(e => e.Json["version"]!.GetValue<int>()));
            Assert.All(about, e => Assert.True(e.SignedWith(WebhookServer.ConfiguredSecret)));
            // The receiver answers before the sender records the outcome.
            var deliveries = await Eventually.ReturnsAsync(async () => await DeliveriesAsync(draft.Text("id")) is var all && all.All(d => d.Text("status") == "DELIVERED") ? all : null, "the three deliveries recorded as delivered");
            Assert.Equal(3, deliveries.Count);
            Assert.All(deliveries, d => Assert.Equal((2, null), (d.Number("attempts"), d["lastError"]?.GetValue<string>())));
        }
        finally
        {
            receiver.Answer = _ => HttpStatusCode.OK;
        }
    }

    [Fact]
    public async Task AReceiversRetryAfterDoesNotHoldTheRoundBack()
    {
        // A receiver asking for an hour's pause (in seconds, then as an HTTP date) would hold the sender past its lease
        // if it were obeyed: the retry comes after the configured delay, within the first round.
        foreach (var retryAfter in new[] { "3600", DateTime.UtcNow.AddHours(1).ToString("R", CultureInfo.InvariantCulture) })
        {
            receiver.Answer = attempt => attempt == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            receiver.RetryAfter = retryAfter;
            try
            {
                var draft = await fixture.CreateDraftAsync($"Retry-After {retryAfter}");
                await fixture.ChangeAsync("publishSession", draft.Text("slug"));

                var delivery = await Eventually.ReturnsAsync(async () => await DeliveriesAsync(draft.Text("id")) is [var only] && only.Text("status") == "DELIVERED" ? only : null, $"the publication delivered after a 503 with Retry-After: {retryAfter}");
                Assert.Equal((1, null), (delivery.Number("attempts"), delivery["lastError"]?.GetValue<string>()));
                Assert.Single(receiver.About(draft.Text("id"), Config));
            }
            finally
            {
                receiver.Answer = _ => HttpStatusCode.OK;
                receiver.RetryAfter = null;
            }
        }
    }

    [Fact]
    public async Task FinishedRowsPastTheRetentionAreDeletedAndPendingOnesKept()
    {
        var now = DateTime.UtcNow;
        await using (var db = await ContextAsync())
        {
            var endpoint = await db.WebhookEndpoints.Where(e => e.Url == receiver.Url(Config)).Select(e => e.Id).SingleAsync();
            db.WebhookDeliveries.AddRange(
                RetentionRow(endpoint, "expired", now.AddDays(-31)),
                RetentionRow(endpoint, "kept", now.AddDays(-29)),
                // Given up 31 and 29 days ago (a failed row's nextAttemptAt): the same retention, counted from then.
                RetentionRow(endpoint, "failed-expired", null, createdAt: now.AddDays(-34), givenUpAt: now.AddDays(-31)),
                RetentionRow(endpoint, "failed-kept", null, createdAt: now.AddDays(-32), givenUpAt: now.AddDays(-29)),
                // Pending for two months (due tomorrow): kept whatever its age.
                RetentionRow(endpoint, "pending", null, createdAt: now.AddDays(-60)));
            await db.SaveChangesAsync();
        }

        try
        {
            var left = await Eventually.ReturnsAsync(async () => await RetentionRowsAsync() is var rows && !rows.Contains("retention:expired") && !rows.Contains("retention:failed-expired") ? rows : null,
                "the rows delivered and given up 31 days ago deleted");

            Assert.Equal(["retention:failed-kept", "retention:kept", "retention:pending"], left);
        }
        finally
        {
            await using var db = await ContextAsync();
            await db.WebhookDeliveries.Where(d => d.Subject.StartsWith("retention:")).ExecuteDeleteAsync();
        }

        static WebhookDelivery RetentionRow(int endpoint, string name, DateTime? deliveredAt, DateTime? createdAt = null, DateTime? givenUpAt = null) => new()
        {
            EndpointId = endpoint,
            EventId = Guid.NewGuid().ToString(),
            EventName = "ping",
            Subject = $"retention:{name}",
            Body = $$"""{"id":"retention-{{name}}"}""",
            Status = deliveredAt is not null ? WebhookDeliveryStatus.Delivered : givenUpAt is not null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending,
            Attempts = deliveredAt is null && givenUpAt is null ? 0 : 1,
            CreatedAt = createdAt ?? deliveredAt!.Value.AddMinutes(-1),
            DeliveredAt = deliveredAt,
            NextAttemptAt = deliveredAt ?? givenUpAt ?? DateTime.UtcNow.AddDays(1),
        };

        async Task<List<string>> RetentionRowsAsync()
        {
            await using var db = await ContextAsync();
            return await db.WebhookDeliveries.Where(d => d.Subject.StartsWith("retention:")).OrderBy(d => d.Subject).Select(d => d.Subject).ToListAsync();
        }
    }

    [Fact]
    public async Task ADeliveryFailingPastTheGiveUpTimeIsFailedLetsTheObjectsLaterEventsGoAndCanBeRedelivered()
    {
        var now = DateTime.UtcNow;
        int old, later, young;
        await using (var db = await ContextAsync())
        {
            var endpoint = await db.WebhookEndpoints.Where(e => e.Url == receiver.Url(Config)).Select(e => e.Id).SingleAsync();
            // Due now: an event of four days ago (Webhooks:GiveUpAfter is 3 days), whose last round was just now, one
            // queued after it about the same object, which waits for it, and one of an hour ago about another object.
            var rows = new[]
            {
                GiveUpRow(endpoint, "old", "a", now.AddDays(-4), now),
                GiveUpRow(endpoint, "later", "a", now.AddMinutes(-1), now.AddMinutes(-1)),
                GiveUpRow(endpoint, "young", "b", now.AddHours(-1), now.AddHours(-1)),
            };
            db.WebhookDeliveries.AddRange(rows);
            await db.SaveChangesAsync();
            (old, later, young) = (rows[0].Id, rows[1].Id, rows[2].Id);
        }

        var oldId = GlobalId.Encode("WebhookDelivery", old);
        receiver.Answer = _ => HttpStatusCode.InternalServerError;
        try
        {
            var failed = await Eventually.ReturnsAsync(async () => await GiveUpRowsAsync() is var rows && rows[later].Attempts > 0 && rows[young].Attempts > 1 ? rows : null,
                "the later event about the same object and the young one tried");

            // Two failed rounds: a transient error after a long outage would not give an event up at once.
            Assert.Equal((WebhookDeliveryStatus.Failed, 2), (failed[old].Status, failed[old].Attempts));
            Assert.StartsWith("HTTP 500", failed[old].LastError, StringComparison.Ordinal);
            // A failed row's nextAttemptAt is when it was given up.
            Assert.InRange(failed[old].NextAttemptAt, now, DateTime.UtcNow);
            Assert.Equal(WebhookDeliveryStatus.Pending, failed[later].Status);
            Assert.Equal(WebhookDeliveryStatus.Pending, failed[young].Status);
            var listed = (await editor.QueryAsync("{ webhookDeliveries(status: FAILED) { id status } }"))["webhookDeliveries"]!.AsArray();
            Assert.Contains(listed, d => d.Text("id") == oldId && d.Text("status") == "FAILED");

            // Redelivered while the receiver still fails: one more round, then FAILED again.
            var redelivered = await editor.SucceedAsync("redeliverWebhookDelivery", new { id = oldId }, "webhookDelivery { id }");
            var failedAgain = await Eventually.ReturnsAsync(async () => await GiveUpRowsAsync() is var rows && rows[old] is { Status: WebhookDeliveryStatus.Failed, Attempts: > 2 } ? rows : null, "the redelivered event failed again");
            Assert.Equal(oldId, redelivered["webhookDelivery"]!.Text("id"));
            Assert.Equal(3, failedAgain[old].Attempts);
            // Given up twice (only this test gives deliveries up), each a metric an alert can watch.
            using (var client = fixture.Server.CreateClient())
            {
                Assert.Matches(@"summit_graph_webhook_rounds_total\{[^}]*summit_graph_webhook_outcome=""given_up""[^}]*\} 2\n", await client.GetStringAsync("/metrics"));
            }

            receiver.Answer = _ => HttpStatusCode.OK;
            await editor.SucceedAsync("redeliverWebhookDelivery", new { id = oldId });
            var delivered = await Eventually.ReturnsAsync(async () => await GiveUpRowsAsync() is var rows && rows.Values.All(d => d.Status == WebhookDeliveryStatus.Delivered) ? rows : null, "every event delivered");
            var notFailed = await editor.FailAsync("redeliverWebhookDelivery", new { id = oldId });
            var unknown = await editor.FailAsync("redeliverWebhookDelivery", new { id = GlobalId.Encode("WebhookDelivery", int.MaxValue) });

            Assert.Equal((4, null), (delivered[old].Attempts, delivered[old].LastError));
            Assert.Single(receiver.About("giveup-old", Config));
            Assert.Contains("Only a FAILED delivery can be redelivered; this one is DELIVERED.", notFailed, StringComparison.Ordinal);
            Assert.Contains("NotFoundError", unknown, StringComparison.Ordinal);
        }
        finally
        {
            receiver.Answer = _ => HttpStatusCode.OK;
            await using var db = await ContextAsync();
            await db.WebhookDeliveries.Where(d => d.Subject.StartsWith("giveup:")).ExecuteDeleteAsync();
        }

        static WebhookDelivery GiveUpRow(int endpoint, string name, string subject, DateTime createdAt, DateTime nextAttemptAt) => new()
        {
            EndpointId = endpoint,
            EventId = Guid.NewGuid().ToString(),
            EventName = "ping",
            Subject = $"giveup:{subject}",
            Body = $$"""{"id":"giveup-{{name}}"}""",
            Status = WebhookDeliveryStatus.Pending,
            CreatedAt = createdAt,
            NextAttemptAt = nextAttemptAt,
        };

        async Task<Dictionary<int, WebhookDelivery>> GiveUpRowsAsync()
        {
            await using var db = await ContextAsync();
            return await db.WebhookDeliveries.AsNoTracking().Where(d => d.Subject.StartsWith("giveup:")).ToDictionaryAsync(d => d.Id);
        }
    }

    [Fact]
    public async Task OnlyAFailedDeliveryCanBeRedelivered()
    {
        int pending;
        await using (var db = await ContextAsync())
        {
            var endpoint = await db.WebhookEndpoints.Where(e => e.Url == receiver.Url(Config)).Select(e => e.Id).SingleAsync();
            var row = new WebhookDelivery
            {
                EndpointId = endpoint,
                EventId = Guid.NewGuid().ToString(),
                EventName = "ping",
                Subject = "redeliver:pending",
                Body = """{"id":"redeliver-pending"}""",
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = DateTime.UtcNow,
                // Not due for a day: it stays PENDING while the test runs.
                NextAttemptAt = DateTime.UtcNow.AddDays(1),
            };
            db.WebhookDeliveries.Add(row);
            await db.SaveChangesAsync();
            pending = row.Id;
        }

        try
        {
            var refused = await editor.FailAsync("redeliverWebhookDelivery", new { id = GlobalId.Encode("WebhookDelivery", pending) });
            var webhookId = await editor.FailAsync("redeliverWebhookDelivery", new { id = GlobalId.Encode("Webhook", pending) });

            Assert.Contains("Only a FAILED delivery can be redelivered; this one is PENDING.", refused, StringComparison.Ordinal);
            Assert.Contains("\"path\":[\"input\",\"id\"]", webhookId, StringComparison.Ordinal);
            Assert.Equal(WebhookDeliveryStatus.Pending, (await DeliveryBySubjectAsync("redeliver:pending")).Status);
        }
        finally
        {
            await using var db = await ContextAsync();
            await db.WebhookDeliveries.Where(d => d.Subject == "redeliver:pending").ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task AReceiverThatIsDownGetsEveryEventOnceItIsUpAgain()
    {
        var prow = await fixture.SessionAsync("prow");
        await receiver.StopAsync();
        try
        {
            await fixture.ChangeAsync("updateSession", "prow", new { title = "Prow, while the receiver is down" });
            await fixture.ChangeAsync("updateSession", "prow", new { title = "Prow, still down" });
            var failing = await Eventually.ReturnsAsync(async () =>
            {
                var deliveries = (await DeliveriesAsync(prow.Text("id"))).Where(d => JsonNode.Parse(d.Text("body"))!["version"]!.GetValue<int>() > prow.Number("version")).ToList();
                return deliveries.Any(d => d.Number("attempts") >= 2) ? deliveries : null;
            }, "a second failed round");

            Assert.All(failing, d => Assert.Equal("PENDING", d.Text("status")));
            Assert.Contains(failing, d => d["lastError"]?.GetValue<string>() is { Length: > 0 });
        }
        finally
        {
            await receiver.StartAsync();
        }

        var version = prow.Number("version");
        await receiver.WaitForAsync(_ => receiver.About(prow.Text("id"), Config).Count(e => e.Json["version"]!.GetValue<int>() > version) == 2, "both changes of prow");
        var changes = receiver.About(prow.Text("id"), Config).Where(e => e.Json["version"]!.GetValue<int>() > version).ToList();

        Assert.Equal([version + 1, version + 2], changes.Select(e => e.Json["version"]!.GetValue<int>()));
        await Eventually.ReturnsAsync(async () => await DeliveriesAsync(prow.Text("id")) is var all && all.All(d => d.Text("status") == "DELIVERED") ? all : null, "prow's deliveries recorded as delivered");
    }

    [Fact]
    public async Task AnImportThatChangesAPersonAnnouncesTheChange()
    {
        var page = EditedPage.Bundled.ReplaceOnce("Presenter: Karel Simon, Software Engineer, Red Hat", "Presenter: Karel Simon, Software Engineer, IBM");
        var services = fixture.Server.Services;

        // Other tests of the class publish sessions no page holds: the import takes them off.
        var summary = await services.ImportAsync(services.GetRequiredService<PageReader>().Read(page).Event, new ImportOptions("karel.md") { AllowRemovals = true });
        var karel = (await editor.QueryAsync("""{ presenter(slug: "karel-simon") { id version company } }"""))["presenter"]!;
        await receiver.WaitForAsync(_ => receiver.About(karel.Text("id"), Config).Any(e => e.Name == "presenter.changed"), "presenter.changed of Karel Simon");

        var changed = receiver.About(karel.Text("id"), Config).Single(e => e.Name == "presenter.changed");
        Assert.Contains("presenter 'Karel Simon': company changed", summary.Changes);
        Assert.Equal(("IBM", karel.Number("version")), (karel.Text("company"), changed.Json["version"]!.GetValue<int>()));
        Assert.True(changed.SignedWith(WebhookServer.ConfiguredSecret));
        // People belong to no edition: an import announces a person as an editor's change does (below), with no edition.
        Assert.Equal(("karel-simon", null), (changed.Json["slug"]!.GetValue<string>(), changed.Json["edition"]?.GetValue<string>()));
    }

    [Fact]
    public async Task DeletingAPersonOfAPublishedSessionAnnouncesTheDeletion()
    {
        // Deleted, the person has left their sessions: what anonymous readers saw is told by the person's sessions before.
        var person = (await editor.QueryAsync("""{ presenter(slug: "filip-krepinsky") { id version } }"""))["presenter"]!;
        await editor.SucceedAsync("deletePresenter", new { id = person.Text("id"), version = person.Number("version") });

        var received = await receiver.WaitForAsync(_ => receiver.About(person.Text("id"), Config).Any(e => e.Name == "presenter.deleted"), "presenter.deleted");

        var deleted = receiver.About(person.Text("id"), Config).Single(e => e.Name == "presenter.deleted");
        Assert.Equal(("Presenter", "filip-krepinsky", null), (deleted.Json["type"]!.GetValue<string>(), deleted.Json["slug"]!.GetValue<string>(), deleted.Json["edition"]?.GetValue<string>()));
        Assert.True(deleted.SignedWith(WebhookServer.ConfiguredSecret));
        Assert.NotEmpty(received);
    }

    [Fact]
    public async Task ARegisteredWebhookIsPingedGetsItsEventsAndIsRemoved()
    {
        const string secret = "registered-secret";
        var url = receiver.Url("registered");
        var registered = await editor.SucceedAsync("registerWebhook", new { url, secret, events = SessionEvents }, "webhook { id url events fromConfiguration }");
        var webhook = registered["webhook"]!;
        var listed = (await editor.QueryAsync("{ webhooks { id url events fromConfiguration } }"))["webhooks"]!.AsArray();

        await editor.SucceedAsync("testWebhook", new { id = webhook.Text("id") });
        var ping = (await receiver.WaitForAsync(r => r.Any(e => e.Path == "registered" && e.Name == "ping"), "the ping")).First(e => e.Path == "registered");
        await fixture.ChangeAsync("updateSession", "sriov", new { title = "SR-IOV, for the registered webhook" });
        var sriov = await fixture.SessionAsync("sriov");
        var changed = await receiver.WaitForAsync(_ => receiver.About(sriov.Text("id"), "registered").Count == 1, "the change at the registered webhook");
        await editor.SucceedAsync("removeWebhook", new { id = webhook.Text("id") });
        var afterRemoval = (await editor.QueryAsync("{ webhooks { id } }"))["webhooks"]!.AsArray();

        Assert.Equal((url, false, "session.*"), (webhook.Text("url"), webhook["fromConfiguration"]!.GetValue<bool>(), webhook["events"]![0]!.GetValue<string>()));
        Assert.Equal([fixture.Receiver.Url(Config), url], listed.Select(w => w.Text("url")));
        Assert.True(ping.SignedWith(secret));
        Assert.Equal(webhook.Text("id"), ping.Json["id"]!.GetValue<string>());
        Assert.True(receiver.About(sriov.Text("id"), "registered").Single().SignedWith(secret));
        Assert.DoesNotContain(afterRemoval, w => w.Text("id") == webhook.Text("id"));
    }

    [Fact]
    public async Task WebhooksAreForEditorsOnlyAndBadInputIsRefusedWithCodes()
    {
        var anonymous = await fixture.Server.PostAsync("{ webhooks { url } webhookDeliveries { event } }");
        var refused = await editor.FailAsync("registerWebhook", new { url = "ftp://127.0.0.1/hooks", secret = "", events = MisspelledEvents });
        var configured = (await editor.QueryAsync("{ webhooks { id fromConfiguration } }"))["webhooks"]!.AsArray().Single(w => w!["fromConfiguration"]!.GetValue<bool>());
        var kept = await editor.FailAsync("removeWebhook", new { id = configured.Text("id") });
        var secretField = await fixture.Server.QueryAsync("""{ __type(name: "Webhook") { fields { name } } }""");

        Assert.All(anonymous.Errors!, e => Assert.Equal("AUTH_NOT_AUTHORIZED", e!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal(2, anonymous.Errors!.Count);
        Assert.Contains("\"path\":[\"input\",\"url\"]", refused, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"input\",\"secret\"]", refused, StringComparison.Ordinal);
        Assert.Contains("'sessions' is not an event name", refused, StringComparison.Ordinal);
        Assert.Contains("comes from configuration", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(secretField["__type"]!["fields"]!.AsArray(), f => f.Text("name") == "secret");
    }

    [Fact]
    public async Task AScheduledSessionGoesLiveWithTheScheduleAsAuthorAndAWebhook()
    {
        var draft = await fixture.CreateDraftAsync("Scheduled a second ahead", DateTime.UtcNow.AddSeconds(1));
        var slug = draft.Text("slug");
        var anonymousPlan = await fixture.Server.PostAsync("""{ session(slug: "hotplug") { title publishAt } }""");

        var live = await Eventually.ReturnsAsync(async () => (await fixture.Server.QueryAsync("query($slug: String!) { session(slug: $slug) { title } }", new { slug }))["session"], "the scheduled session, for anonymous readers");
        var published = await fixture.SessionAsync(slug);
        var sent = await receiver.WaitForAsync(_ => receiver.About(draft.Text("id"), Config).Count == 1, "the scheduled publication's event");

        Assert.NotNull(draft["publishAt"]?.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", anonymousPlan.FirstErrorCode);
        Assert.Equal("Scheduled a second ahead", live.Text("title"));
        Assert.Equal(("PUBLISH", "schedule", "status,publishAt"), Revision(published["revisions"]![0]!));
        Assert.Null(published["publishAt"]?.GetValue<string>());
        Assert.Equal("session.published", receiver.About(draft.Text("id"), Config).Single().Name);
    }

    /// <summary>
    /// A window that closed while nobody applied it (the server was down): the session stays a draft, is never shown,
    /// and no <c>session.published</c> is sent for it, rather than being published for one poll and unpublished the next.
    /// </summary>
    [Fact]
    public async Task AScheduleWhoseWindowHasClosedIsDroppedNotShownForAPoll()
    {
        var draft = await fixture.CreateDraftAsync("A window closed long ago", DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var slug = draft.Text("slug");

        var applied = await Eventually.ReturnsAsync(async () =>
        {
            var session = await fixture.SessionAsync(slug);
            return session["unpublishAt"] is null ? session : null;
        }, "the closed window, applied by the schedule");
        var anonymous = await fixture.Server.QueryAsync("query($slug: String!) { session(slug: $slug) { title } }", new { slug });
        var deliveries = await DeliveriesAsync(draft.Text("id"));

        Assert.Equal("DRAFT", applied.Text("status"));
        Assert.Null(applied["publishAt"]?.GetValue<string>());
        Assert.Equal(("UNPUBLISH", "schedule", "publishAt,unpublishAt"), Revision(applied["revisions"]![0]!));
        // Nothing is lost: the revision keeps the schedule it dropped.
        var dropped = Summit.Graph.Data.Revisions.RevisionSnapshots.Read<Summit.Graph.Data.Revisions.SessionSnapshot>(applied["revisions"]![0]!.Text("previousContent"))!;
        Assert.Equal((Instant(draft.Text("publishAt")), Instant(draft.Text("unpublishAt"))), (dropped.PublishAt, dropped.UnpublishAt));
        Assert.Null(anonymous["session"]);
        Assert.DoesNotContain(deliveries, d => d.Text("event") == "session.published");
    }

    [Fact]
    public async Task PublishingByHandClearsThePendingPublication()
    {
        var draft = await fixture.CreateDraftAsync("Published before its time", DateTime.UtcNow.AddHours(1));
        var slug = draft.Text("slug");

        await fixture.ChangeAsync("publishSession", slug);
        var published = await fixture.SessionAsync(slug);

        Assert.NotNull(draft["publishAt"]?.GetValue<string>());
        Assert.Equal(("PUBLISHED", null), (published.Text("status"), published["publishAt"]?.GetValue<string>()));
    }

    [Fact]
    public async Task AScheduledUnpublicationTakesASessionBackToDraft()
    {
        await fixture.ChangeAsync("updateSession", "templates", new { unpublishAt = DateTime.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture) });

        var draft = await Eventually.ReturnsAsync(async () => await fixture.SessionAsync("templates") is var s && s.Text("status") == "DRAFT" ? s : null, "templates back to draft");
        var hidden = await fixture.Server.QueryAsync("""{ session(slug: "templates") { title } }""");

        Assert.Equal(("UNPUBLISH", "schedule", "status,unpublishAt"), Revision(draft["revisions"]![0]!));
        Assert.Null(hidden["session"]);
        await receiver.WaitForAsync(_ => receiver.About(draft.Text("id"), Config).Any(e => e.Name == "session.unpublished"), "session.unpublished of templates");
    }

    [Fact]
    public async Task AScheduleEndingBeforeItStartsIsRefusedAndOffsetsAreReadAsUtc()
    {
        var eventId = (await editor.QueryAsync("{ event { id } }"))["event"].Text("id");
        var backwards = await editor.FailAsync("createSession",
            new { eventId, title = "Backwards", publishAt = "2030-01-01T12:00:00+02:00", unpublishAt = "2030-01-01T09:00:00Z" });
        var created = await editor.SucceedAsync("createSession",
            new { eventId, title = "Planned with an offset", publishAt = "2030-01-01T12:00:00+02:00" }, "session { slug publishAt unpublishAt }");
        var slug = created["session"].Text("slug");
        var session = await fixture.SessionAsync(slug);
        var earlier = await editor.FailAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), unpublishAt = "2030-01-01T10:00:00Z" });

        Assert.Contains("\"__typename\":\"ValidationError\"", backwards, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"input\",\"unpublishAt\"]", backwards, StringComparison.Ordinal);
        Assert.Equal("2030-01-01T10:00:00Z", created["session"].Text("publishAt"));
        Assert.Contains("Must be later than publishAt (2030-01-01T10:00:00Z)", earlier, StringComparison.Ordinal);
    }

    /// <summary>
    /// A send that outlives its lease (here the lease is taken over while the receiver holds the request, as another
    /// instance would once it expired) leaves the row to its new holder: no outcome is written over it, a warning says
    /// so, and the row is sent again by whoever holds it next.
    /// </summary>
    [Fact]
    public async Task AnOutcomeIsRecordedOnlyWhileTheSenderStillHoldsItsLease()
    {
        await Eventually.ReturnsAsync(async () => await PendingDeliveriesAsync() == 0 ? "drained" : null, "no delivery pending before the test");
        using var entered = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var blocked = 0;
        receiver.Answer = _ =>
        {
            if (Interlocked.Exchange(ref blocked, 1) == 0)
            {
                entered.Release();
                release.Wait(GraphQLWebSocket.Deadline);
            }

            return HttpStatusCode.OK;
        };
        try
        {
            var draft = await fixture.CreateDraftAsync("Webhook lease");
            await fixture.ChangeAsync("publishSession", draft.Text("slug"));
            Assert.True(await entered.WaitAsync(GraphQLWebSocket.Deadline), "The sender did not send the session's event.");
            var subject = $"Session:{GlobalId.Decode(draft.Text("id"), "Session")}";
            var takenOver = DateTime.UtcNow.AddHours(1);
            Assert.Equal(1, await UpdateDeliveryAsync(subject, d => d.LeasedUntil != null, takenOver));
            fixture.Server.Logs.Clear();

            release.Set();

            await Eventually.HoldsAsync(() => fixture.Server.Logs.Entries.Any(e => e.Contains("no longer held by this sender", StringComparison.Ordinal)), "the warning about the lost lease");
            var row = await DeliveryAsync(subject);
            // Still the new holder's lease (PostgreSQL keeps it to the microsecond).
            Assert.Equal((WebhookDeliveryStatus.Pending, 0, true), (row.Status, row.Attempts, Math.Abs((row.LeasedUntil!.Value - takenOver).TotalMilliseconds) < 1));

            // The new holder's lease ends: the row is sent again, and recorded by that send.
            Assert.Equal(1, await UpdateDeliveryAsync(subject, d => d.LeasedUntil != null, null));
            await Eventually.ReturnsAsync(async () => await DeliveryAsync(subject) is { Status: WebhookDeliveryStatus.Delivered, Attempts: 1 } delivered ? delivered : null, "the event sent again and recorded");
            Assert.Equal(2, receiver.About(draft.Text("id"), Config).Count(e => e.Name == "session.published"));
        }
        finally
        {
            release.Set();
            receiver.Answer = _ => HttpStatusCode.OK;
        }
    }

    /// <summary>
    /// Instances starting together can each add a configured URL they found missing: the next sync (each start runs
    /// one, the last to save sees every copy) keeps the oldest row only, so no event goes out twice for good.
    /// </summary>
    [Fact]
    public async Task ACopyOfAConfiguredWebhookLeftByInstancesStartingTogetherIsRemoved()
    {
        var url = receiver.Url(Config);
        var contexts = fixture.Server.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>();
        int original;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            original = (await db.WebhookEndpoints.SingleAsync(e => e.FromConfiguration && e.Url == url)).Id;
            db.WebhookEndpoints.Add(new WebhookEndpoint { Url = url, Secret = WebhookServer.ConfiguredSecret, FromConfiguration = true, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await fixture.Server.Services.SyncConfiguredWebhooksAsync();

        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal([original], await db.WebhookEndpoints.Where(e => e.FromConfiguration && e.Url == url).Select(e => e.Id).ToListAsync());
        }
    }

    private async Task<SummitDbContext> ContextAsync() =>
        await fixture.Server.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContextAsync();

    private async Task<int> PendingDeliveriesAsync()
    {
        await using var db = await ContextAsync();
        return await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Pending);
    }

    private async Task<WebhookDelivery> DeliveryAsync(string subject)
    {
        await using var db = await ContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Subject == subject && d.EventName == "session.published");
    }

    private async Task<WebhookDelivery> DeliveryBySubjectAsync(string subject)
    {
        await using var db = await ContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Subject == subject);
    }

    private async Task<int> UpdateDeliveryAsync(string subject, System.Linq.Expressions.Expression<Func<WebhookDelivery, bool>> condition, DateTime? leasedUntil)
    {
        await using var db = await ContextAsync();
        return await db.WebhookDeliveries.Where(d => d.Subject == subject && d.EventName == "session.published").Where(condition)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeasedUntil, leasedUntil));
    }

    /// <summary>An API date-time as the instant it names (the API writes as few fraction digits as it needs).</summary>
    private static DateTime? Instant(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

    private static (string, string, string) Revision(JsonNode revision) =>
        (revision.Text("operation"), revision.Text("author"), string.Join(',', revision["changedFields"]!.AsArray().Select(f => f!.GetValue<string>())));

    /// <summary>The deliveries to the configured webhook of events about <paramref name="globalId"/>, newest first.</summary>
    private async Task<List<JsonNode>> DeliveriesAsync(string globalId)
    {
        var deliveries = (await editor.QueryAsync("{ webhookDeliveries(limit: 100) { event body status attempts lastError nextAttemptAt webhookId } }"))["webhookDeliveries"]!.AsArray();
        return [.. deliveries.OfType<JsonNode>().Where(d => JsonNode.Parse(d.Text("body"))!["id"]!.GetValue<string>() == globalId)];
    }
}
