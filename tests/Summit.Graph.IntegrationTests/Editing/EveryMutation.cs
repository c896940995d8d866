using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// A valid input for every mutation of the schema, arranged on the editing server (earlier mutations set up
/// what the input needs): an editor sending it changes the database, so a refusal that leaves the database
/// unchanged is the refusal's doing. Each mutation works on objects of its own, in any order.
/// </summary>
public static class EveryMutation
{
    private static readonly Dictionary<string, Func<Editor, Task<object>>> Inputs = new()
    {
        ["updateEvent"] = async e => await EventInput(e, (id, version) => new { id, version, name = $"KubeVirt Summit 2021, edition {version}" }),
        ["setEventSponsors"] = async e => await EventInput(e, (id, version) => new { id, version, sponsors = new[] { new { name = "Red Hat", url = $"https://www.redhat.com/{version}" } } }),
        ["addDay"] = async e => new { eventId = (await e.EventAsync()).Text("id"), startsAt = "2021-02-12T14:00:00Z", endsAt = "2021-02-12T19:00:00Z" },
        ["updateDay"] = async e => await DayInput(e, "2021-02-09", (id, version) => new { id, version, endsAt = $"2021-02-09T{19 + version}:00:00Z" }),
        ["removeDay"] = async e => new { id = await AddDayAsync(e, "2021-02-13"), version = 1 },
        ["addSlot"] = async e => new { dayId = await AddDayAsync(e, "2021-02-14"), startsAt = "2021-02-14T14:00:00Z", endsAt = "2021-02-14T14:30:00Z" },
        ["moveSlot"] = async e => new { id = await AddSlotAsync(e, "2021-02-15"), version = 1, startsAt = "2021-02-15T15:00:00Z" },
        ["resizeSlot"] = async e => new { id = await AddSlotAsync(e, "2021-02-16"), version = 1, endsAt = "2021-02-16T15:00:00Z" },
        ["removeSlot"] = async e => new { id = await AddSlotAsync(e, "2021-02-17"), version = 1 },
        ["createSession"] = async e => new { eventId = (await e.EventAsync()).Text("id"), title = "Created by the auth theory" },
        ["updateSession"] = async e => await SessionInput(e, "prow", s => new { id = s.Text("id"), version = s.Number("version"), title = $"Prow, revision {s.Number("version")}" }),
        ["publishSession"] = async e => new { id = await CreateSessionAsync(e, "Draft to publish"), version = 1 },
        ["unpublishSession"] = async e => await SessionInput(e, "templates", s => new { id = s.Text("id"), version = s.Number("version") }),
        ["unscheduleSession"] = async e => await SessionInput(e, "tekton", s => new { id = s.Text("id"), version = s.Number("version") }),
        ["scheduleSession"] = async e => new
        {
            id = await CreateSessionAsync(e, "Draft to schedule"),
            version = 1,
            slotId = (await e.SessionAsync("welcome"))["slot"].Text("id"),
        },
        ["deleteSession"] = async e => await SessionInput(e, "snapshots", s => new { id = s.Text("id"), version = s.Number("version") }),
        ["restoreSession"] = async e =>
        {
            var id = await CreateSessionAsync(e, "Draft to delete and restore");
            await e.SucceedAsync("deleteSession", new { id, version = 1 });
            return new { id };
        },
        ["restoreSessionRevision"] = async e =>
        {
            var session = await e.SessionAsync("hotplug");
            await e.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Hotplug, renamed" });
            var renamed = await e.SessionAsync("hotplug");
            return new { revisionId = renamed["revisions"]![0].Text("id"), version = renamed.Number("version") };
        },
        ["addSessionPresenter"] = async e =>
        {
            var presenterId = (await e.PresenterAsync("fabian-deutsch")).Text("id");
            return await SessionInput(e, "pci-passthrough", s => new { sessionId = s.Text("id"), version = s.Number("version"), presenterId });
        },
        ["removeSessionPresenter"] = async e => await SessionInput(e, "harvester", s => new
        {
            sessionId = s.Text("id"), version = s.Number("version"), presenterId = s["presenterRoles"]![0]!["presenter"].Text("id"),
        }),
        ["reorderSessionPresenters"] = async e => await SessionInput(e, "forklift", s => new
        {
            sessionId = s.Text("id"),
            version = s.Number("version"),
            presenterIds = s["presenterRoles"]!.AsArray().Select(r => r!["presenter"].Text("id")).Reverse().ToArray(),
        }),
        ["changeSessionPresenterRole"] = async e => await SessionInput(e, "hco", s => new
        {
            sessionId = s.Text("id"), version = s.Number("version"), presenterId = s["presenterRoles"]![0]!["presenter"].Text("id"), role = "SESSION_LEAD",
        }),
        ["createPresenter"] = _ => Task.FromResult<object>(new { name = "Ada Lovelace" }),
        ["updatePresenter"] = async e => await PresenterInput(e, "or-mergi", p => new { id = p.Text("id"), version = p.Number("version"), jobTitle = $"Engineer {p.Number("version")}" }),
        ["deletePresenter"] = async e => await PresenterInput(e, "joel-seguillon", p => new { id = p.Text("id"), version = p.Number("version") }),
        ["restorePresenter"] = async e =>
        {
            var presenter = await e.PresenterAsync("huy-pham");
            await e.SucceedAsync("deletePresenter", new { id = presenter.Text("id"), version = presenter.Number("version") });
            return new { id = presenter.Text("id") };
        },
        ["restorePresenterRevision"] = async e =>
        {
            var presenter = await e.PresenterAsync("sowmya-seetharaman");
            await e.SucceedAsync("updatePresenter", new { id = presenter.Text("id"), version = presenter.Number("version"), company = "Renamed Inc." });
            var renamed = await e.PresenterAsync("sowmya-seetharaman");
            return new { revisionId = renamed["revisions"]![0].Text("id"), version = renamed.Number("version") };
        },
        ["mergePresenters"] = async e =>
        {
            var target = await e.PresenterAsync("dhanya-bhat");
            var source = await e.PresenterAsync("peter-salanki");
            return new { targetId = target.Text("id"), targetVersion = target.Number("version"), sourceId = source.Text("id"), sourceVersion = source.Number("version") };
        },
        ["addLink"] = async e => await SessionInput(e, "capabilities", s => new { sessionId = s.Text("id"), kind = "SLIDES", url = "https://example.com/capabilities.pdf" }),
        ["updateLink"] = async e => await SessionInput(e, "molecule", s => new { id = s["links"]![0].Text("id"), version = s["links"]![0].Number("version"), label = "Watch it" }),
        ["removeLink"] = async e => await SessionInput(e, "batch-api", s => new { id = s["links"]![0].Text("id"), version = s["links"]![0].Number("version") }),
        // Loopback addresses nothing listens on: the sender's attempts fail harmlessly.
        ["registerWebhook"] = _ => Task.FromResult<object>(new { url = "http://127.0.0.1:9/registered", secret = "every-mutation-secret" }),
        ["testWebhook"] = async e => new { id = await RegisterWebhookAsync(e, "http://127.0.0.1:9/tested") },
        ["removeWebhook"] = async e => new { id = await RegisterWebhookAsync(e, "http://127.0.0.1:9/removed") },
        ["redeliverWebhookDelivery"] = async e => new { id = await FailedDeliveryAsync(e, "http://127.0.0.1:9/redelivered") },
    };

    public static IEnumerable<string> Names => Inputs.Keys;

    /// <summary>The mutations that change webhooks, not content: they write no revisions.</summary>
    public static readonly IReadOnlySet<string> WebhookMutations = new HashSet<string> { "registerWebhook", "testWebhook", "removeWebhook", "redeliverWebhookDelivery" };

    public static TheoryData<string> Cases => [.. Inputs.Keys];

    public static Task<object> ArrangeAsync(Editor editor, string mutation) => Inputs[mutation](editor);

    public static async Task<string> AddDayAsync(Editor editor, string date)
    {
        var payload = await editor.SucceedAsync("addDay",
            new { eventId = (await editor.EventAsync()).Text("id"), startsAt = $"{date}T14:00:00Z", endsAt = $"{date}T19:00:00Z" }, "day { id }");
        return payload["day"].Text("id");
    }

    public static async Task<string> AddSlotAsync(Editor editor, string date)
    {
        var payload = await editor.SucceedAsync("addSlot",
            new { dayId = await AddDayAsync(editor, date), startsAt = $"{date}T14:00:00Z", endsAt = $"{date}T14:30:00Z" }, "slot { id }");
        return payload["slot"].Text("id");
    }

    public static async Task<string> CreateSessionAsync(Editor editor, string title)
    {
        var payload = await editor.SucceedAsync("createSession", new { eventId = (await editor.EventAsync()).Text("id"), title }, "session { id }");
        return payload["session"].Text("id");
    }

    private static async Task<string> RegisterWebhookAsync(Editor editor, string url)
    {
        var payload = await editor.SucceedAsync("registerWebhook", new { url, secret = "every-mutation-secret" }, "webhook { id }");
        return payload["webhook"].Text("id");
    }

    /// <summary>
    /// A FAILED delivery to a new webhook, written as the sender writes one it gave up. Committed just now, so when it is
    /// redelivered and its round fails again (nothing listens), it stays PENDING for Webhooks:GiveUpAfter.
    /// </summary>
    private static async Task<string> FailedDeliveryAsync(Editor editor, string url)
    {
        await RegisterWebhookAsync(editor, url);
        var id = await editor.Server.WithDatabaseAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var delivery = new WebhookDelivery
            {
                EndpointId = await db.WebhookEndpoints.Where(w => w.Url == url).Select(w => w.Id).SingleAsync(),
                EventId = Guid.NewGuid().ToString(),
                EventName = "ping",
                Subject = $"Webhook:{url}",
                Body = """{"event":"ping"}""",
                Status = WebhookDeliveryStatus.Failed,
                Attempts = 1,
                LastError = "HTTP 503 Service Unavailable",
                CreatedAt = now,
                NextAttemptAt = now,
            };
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync();
            return delivery.Id;
        });
        return GlobalId.Encode("WebhookDelivery", id);
    }

    private static async Task<object> EventInput(Editor editor, Func<string, int, object> input)
    {
        var ev = await editor.EventAsync();
        return input(ev.Text("id"), ev.Number("version"));
    }

    private static async Task<object> DayInput(Editor editor, string date, Func<string, int, object> input)
    {
        var day = (await editor.EventAsync())["days"]!.AsArray().Single(d => d.Text("date") == date);
        return input(day.Text("id"), day.Number("version"));
    }

    private static async Task<object> SessionInput(Editor editor, string slug, Func<System.Text.Json.Nodes.JsonNode, object> input) =>
        input(await editor.SessionAsync(slug));

    private static async Task<object> PresenterInput(Editor editor, string slug, Func<System.Text.Json.Nodes.JsonNode, object> input) =>
        input(await editor.PresenterAsync(slug));
}
