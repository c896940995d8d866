using System.Net;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Calendars;

/// <summary>The feed on a server of its own: one test changes a session and adds a draft.</summary>
public sealed class CalendarFeedTests : IDisposable
{
    private const string FeedPath = "/events/kubevirt-summit-2021/calendar.ics";
    private const string EditorKey = "calendar-test-editor";

    private readonly SummitServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task FeedHasOneUtcEventPerScheduledSession()
    {
        var (response, text) = await GetAsync(FeedPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(text)!;
        Assert.Equal(20, calendar.Events.Count);
        var prow = calendar.Events.Single(e => e.Summary == "Avoid merging broken code with Prow");
        var id = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "prow").Select(s => s.Id).SingleAsync());
        Assert.Equal($"session-{id}@summit-graph", prow.Uid);
        Assert.Equal(1, prow.Sequence);
        Assert.Equal(new DateTime(2021, 2, 9, 15, 0, 0, DateTimeKind.Utc), prow.Start!.AsUtc);
        Assert.Equal(new DateTime(2021, 2, 9, 15, 30, 0, DateTimeKind.Utc), prow.End!.AsUtc);
        Assert.Contains("20210209T150000Z", text, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://youtu.be/4JV7YJbini0"), prow.Url);
        Assert.StartsWith("This session is about creation of prow jobs in general.", prow.Description, StringComparison.Ordinal);
        Assert.EndsWith("Presented by Daniel Hiller (Red Hat)", prow.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("[@dhill3r]", prow.Description, StringComparison.Ordinal);
        Assert.NotNull(prow.LastModified);
    }

    [Fact]
    public async Task SessionWithoutRecordingLinksToItsPlaceOnThePage()
    {
        await server.ChangeDatabaseAsync(async db =>
        {
            var links = await db.Links.Where(l => l.Session!.Slug == "templates" && l.Kind == Content.Model.LinkKind.Recording).ToListAsync();
            db.Links.RemoveRange(links);
            return await db.SaveChangesAsync();
        });

        var calendar = Calendar.Load((await GetAsync(FeedPath)).Text)!;

        Assert.Equal(new Uri("https://kubevirt.io/summit/#templates"), calendar.Events.Single(e => e.Summary == "Building great VMs with common templates").Url);
    }

    [Fact]
    public async Task FeedChangesAfterAMutationAndNeverShowsDrafts()
    {
        server.Settings["Auth:BootstrapEditorKey"] = EditorKey;
        var before = Calendar.Load((await GetAsync(FeedPath)).Text)!.Events.Single(e => e.Summary == "Avoid merging broken code with Prow");
        var ids = await server.QueryAsync("""{ event { id } session(slug: "prow") { id version } slots(first: 1) { nodes { id } } }""");
        await EditAsync("mutation($input: UpdateSessionInput!) { updateSession(input: $input) { errors { __typename } } }",
            new { id = ids["session"]!["id"]!.GetValue<string>(), version = ids["session"]!["version"]!.GetValue<int>(), title = "Prow: merge only what passes" });
        var draft = await EditAsync("mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id version } errors { __typename } } }",
            new { eventId = ids["event"]!["id"]!.GetValue<string>(), title = "Secret draft" });
        await EditAsync("mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { errors { __typename } } }",
            new
            {
                id = draft["createSession"]!["session"]!["id"]!.GetValue<string>(),
                version = draft["createSession"]!["session"]!["version"]!.GetValue<int>(),
                slotId = ids["slots"]!["nodes"]![0]!["id"]!.GetValue<string>(),
            });

        var after = Calendar.Load((await GetAsync(FeedPath)).Text)!;

        var changed = after.Events.Single(e => e.Uid == before.Uid);
        Assert.Equal("Prow: merge only what passes", changed.Summary);
        Assert.Equal(before.Sequence + 1, changed.Sequence);
        var updatedAt = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "prow").Select(s => s.UpdatedAt).SingleAsync());
        Assert.Equal(updatedAt.AddTicks(-(updatedAt.Ticks % TimeSpan.TicksPerSecond)), changed.LastModified!.AsUtc);
        Assert.Equal(20, after.Events.Count);
        Assert.DoesNotContain(after.Events, e => e.Summary == "Secret draft");
    }

    /// <summary>Runs a mutation with the editor key; fails the test on any error, top-level or in the payload.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> EditAsync(string mutation, object input)
    {
        var response = await server.PostAsync(mutation, new { input }, bearerKey: EditorKey);
        Assert.True(response.Errors is null && !response.Body.Contains("__typename", StringComparison.Ordinal), response.Body);
        return response.Data!;
    }

    [Fact]
    public async Task UnknownEventIsNotFound()
    {
        var (response, _) = await GetAsync("/events/no-such-summit/calendar.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, string Text)> GetAsync(string path)
    {
        using var client = server.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }
}
