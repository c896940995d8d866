using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Data;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Http;

/// <summary>
/// The response cache over HTTP: a repeated query is answered with the same bytes and headers and runs no SQL
/// (<c>X-Sql-Statements: 0</c>), for POST and GET, persisted or not, alone or in a batch; a change by any writer is
/// seen by the next read; readers of drafts and anonymous readers never share an answer; errors and per-request
/// answers are never kept; the size bound holds. Each test asks its own questions (a fresh value in its variables),
/// so no test finds another's answers.
/// </summary>
public sealed class ResponseCacheTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Titles = "query Titles($x: String, $n: Int) { sessions(first: $n, where: { slug: { neq: $x } }) { nodes { title } } }";

    private static readonly string ScheduleHash = PersistedDocuments.Hash(
        File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("schema", "operations", "Schedule.graphql"))).ReplaceLineEndings("\n"));

    private static readonly string[] SessionEvents = ["session.*"];

    private SummitServer Server => editing.Server;

    [Fact]
    public async Task ARepeatedPostIsAnsweredFromTheCacheWithTheSameBytes()
    {
        var variables = new { x = Fresh(), n = 3 };

        var first = await Server.PostAsync(Titles, variables);
        var again = await Server.PostAsync(Titles, variables);

        Assert.Null(first.Errors);
        Assert.True(first.SqlStatements > 0, "The first request runs.");
        Assert.Equal(0, again.SqlStatements);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal((first.Status, first.MediaType), (again.Status, again.MediaType));
    }

    [Fact]
    public async Task ARepeatedGetWithoutETagIsAnsweredFromTheCacheWithItsValidators()
    {
        var path = $"/graphql?query={Uri.EscapeDataString(Titles)}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(new { x = Fresh(), n = 2 }))}";

        var first = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        var again = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        var revalidated = new HttpRequestMessage(HttpMethod.Get, path);
        revalidated.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        var notModified = await Server.SendAsync(revalidated);
        var otherType = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), "application/graphql-response+json");

        Assert.True(first.SqlStatements > 0, "The first request runs.");
        Assert.Equal((HttpStatusCode.OK, 0, first.Body), (again.Status, again.SqlStatements, again.Body));
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Headers.CacheControl, again.Headers.CacheControl);
        Assert.Equal(first.Headers.Vary, again.Headers.Vary);
        Assert.Equal((HttpStatusCode.NotModified, 0), (notModified.Status, notModified.SqlStatements));
        // Another media type is another ETag, so another entry; the same data.
        Assert.Equal("application/graphql-response+json", otherType.MediaType);
        Assert.NotEqual(first.Headers.ETag, otherType.Headers.ETag);
        Assert.Equal(first.Body, otherType.Body);
    }

    [Fact]
    public async Task PersistedDocumentsHitOverPostAndGet()
    {
        var variables = JsonSerializer.Serialize(new { @event = "kubevirt-summit-2021", unused = Fresh() });
        var body = $$"""{"id":"{{ScheduleHash}}","variables":{{variables}}}""";
        var path = $"/graphql?id={ScheduleHash}&variables={Uri.EscapeDataString(variables)}";

        var posted = await PostRawAsync(body);
        var postedAgain = await PostRawAsync(body);
        var fetched = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        var fetchedAgain = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        Assert.Null(posted.Errors);
        Assert.Equal("kubevirt-summit-2021", posted.Data!["event"]!["slug"]!.GetValue<string>());
        Assert.Equal((0, posted.Body), (postedAgain.SqlStatements, postedAgain.Body));
        Assert.True(fetched.SqlStatements > 0, "A GET is an entry of its own: it carries an ETag.");
        Assert.Equal((0, posted.Body), (fetchedAgain.SqlStatements, fetchedAgain.Body));
    }

    [Fact]
    public async Task BatchedItemsHitAloneOrTogetherWithTheBytesOfAnUncachedServer()
    {
        var a = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 1 } });
        var b = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 2 } });
        var failing = JsonSerializer.Serialize(new { query = """{ sessions(first: 1) { nodes { updatedAt(timeZone: "Mars/Olympus") } } }""" });
        var batch = $"[{a},{b},{failing}]";
        using var uncached = Server.WithWebHostBuilder(builder => builder.UseSetting("ResponseCache:Enabled", "false"));
        using var uncachedClient = uncached.CreateClient();

        var first = await PostRawAsync(batch);
        var again = await PostRawAsync(batch);
        var aloneA = await PostRawAsync(a);
        var aloneB = await PostRawAsync(b);
        var aloneFailing = await PostRawAsync(failing);
        var reference = await SendAsync(uncachedClient, RawPost(batch));
        var keptBatch = await PostRawAsync($"[{b},{a}]");

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(reference.Body, again.Body);
        Assert.Equal($"[{aloneA.Body},{aloneB.Body},{aloneFailing.Body}]", again.Body);
        Assert.Equal((0, 0), (aloneA.SqlStatements, aloneB.SqlStatements));
        // The failing item ran again (its SQL), the others came from the cache.
        Assert.Equal(aloneFailing.SqlStatements, again.SqlStatements);
        Assert.True(again.SqlStatements > 0, "The failing item runs every time.");
        Assert.Equal("UNKNOWN_TIME_ZONE", aloneFailing.FirstErrorCode);
        Assert.Equal((0, $"[{aloneB.Body},{aloneA.Body}]"), (keptBatch.SqlStatements, keptBatch.Body));
    }

    [Fact]
    public async Task AnswersWithErrorsAreNeverKept()
    {
        var query = """query($x: String) { sessions(first: 1, where: { slug: { neq: $x } }) { nodes { updatedAt(timeZone: "Mars/Olympus") } } }""";
        var variables = new { x = Fresh() };

        var first = await Server.PostAsync(query, variables);
        var again = await Server.PostAsync(query, variables);

        Assert.Equal("UNKNOWN_TIME_ZONE", first.FirstErrorCode);
        Assert.Equal("UNKNOWN_TIME_ZONE", again.FirstErrorCode);
        Assert.True(again.SqlStatements > 0, "An answer with errors runs every time.");
    }

    [Fact]
    public async Task ACostReportIsNeitherServedFromTheCacheNorKept()
    {
        var body = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 2 } });

        var reported = await PostRawAsync(body, cost: "report");
        var plain = await PostRawAsync(body);
        var plainAgain = await PostRawAsync(body);
        var reportedAgain = await PostRawAsync(body, cost: "report");

        Assert.NotNull(reported.Json!["extensions"]?["operationCost"]);
        Assert.True(plain.SqlStatements > 0, "The cost report was not kept.");
        Assert.Null(plain.Json!["extensions"]);
        Assert.Equal((0, plain.Body), (plainAgain.SqlStatements, plainAgain.Body));
        Assert.True(reportedAgain.SqlStatements > 0, "A cost report always runs.");
        Assert.Equal(reported.Body, reportedAgain.Body);
    }

    [Fact]
    public async Task NoCacheRunsTheOperationAndNoStoreKeepsNothing()
    {
        var variables = new { x = Fresh(), n = 2 };

        var kept = await Server.PostAsync(Titles, variables);
        var fresh = await Server.PostAsync(Titles, variables, noCache: true);
        var otherBody = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 2 } });
        var unkept = await PostRawAsync(otherBody, cacheControl: "no-store");
        var afterNoStore = await PostRawAsync(otherBody);

        Assert.True(kept.SqlStatements > 0 && fresh.SqlStatements > 0, "no-cache runs the operation although its answer is kept.");
        Assert.Equal(kept.Body, fresh.Body);
        Assert.True(unkept.SqlStatements > 0 && afterNoStore.SqlStatements > 0, "An answer to a no-store request is not kept.");
    }

    [Fact]
    public async Task OnlyTheSameBytesShareAnAnswer()
    {
        var x = Fresh();
        var query = JsonSerializer.Serialize(Titles);
        var compact = "{\"query\":" + query + ",\"variables\":{\"x\":\"" + x + "\",\"n\":2}}";
        var spaced = " { \"variables\" : { \"n\" : 2 ,\n    \"x\" : \"" + x + "\" } , \"query\" : " + query + " } ";
        var otherValue = "{\"query\":" + query + ",\"variables\":{\"x\":\"" + x + "\",\"n\":3}}";
        var otherDocument = "{\"query\":" + JsonSerializer.Serialize(Titles + " ") + ",\"variables\":{\"x\":\"" + x + "\",\"n\":2}}";

        var first = await PostRawAsync(compact);
        var again = await PostRawAsync(compact);
        var reordered = await PostRawAsync(spaced);
        var three = await PostRawAsync(otherValue);
        var differentText = await PostRawAsync(otherDocument);

        Assert.Equal((0, first.Body), (again.SqlStatements, again.Body));
        // The same request spelled otherwise is another key: it runs, and answers the same.
        Assert.True(reordered.SqlStatements > 0, "Other bytes are another key.");
        Assert.Equal(first.Body, reordered.Body);
        Assert.True(three.SqlStatements > 0, "Another value is another request.");
        Assert.Equal(3, three.Data!["sessions"]!["nodes"]!.AsArray().Count);
        Assert.True(differentText.SqlStatements > 0, "Another document text is another request.");
        Assert.Equal(first.Body, differentText.Body);
    }

    [Fact]
    public async Task AMutationIsSeenByTheNextRead()
    {
        const string Title = "query($slug: String!, $x: String) { session(slug: $slug) { title } sessions(first: 1, where: { slug: { neq: $x } }) { totalCount } }";
        var variables = new { slug = "prow", x = Fresh() };
        await Server.PostAsync(Title, variables);
        var cached = await Server.PostAsync(Title, variables);
        var session = await editing.Editor.SessionAsync("prow");
        var newTitle = "Prow, retitled " + Fresh();

        await editing.Editor.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = newTitle });
        var after = await Server.PostAsync(Title, variables);

        Assert.Equal(0, cached.SqlStatements);
        Assert.Equal(newTitle, after.Data!["session"]!["title"]!.GetValue<string>());
    }

    /// <summary>
    /// Another process writes (as another instance without Redis, or the command line, does): it commits and raises the
    /// stored content version, and this server sees it at its next read of that version, without being told.
    /// </summary>
    [Fact]
    public async Task AChangeByAnotherWriterIsSeenWithinThePollInterval()
    {
        const string Title = "query($slug: String!, $x: String) { session(slug: $slug) { title } sessions(first: 1, where: { slug: { neq: $x } }) { nodes { slug } } }";
        var variables = new { slug = "tekton", x = Fresh() };
        await Server.PostAsync(Title, variables);
        var cached = await Server.PostAsync(Title, variables);
        var newTitle = "Tekton, renamed elsewhere " + Fresh();

        await Server.WithDatabaseAsync(async db =>
        {
            await db.Sessions.Where(s => s.Slug == "tekton").ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, newTitle));
            await ContentVersionStore.RaiseAsync(db, isPublic: true, CancellationToken.None);
            return 0;
        });
        var seen = await Eventually.ReturnsAsync(
            async () => (await Server.PostAsync(Title, variables)).Data!["session"]!["title"]!.GetValue<string>() is var title && title == newTitle ? title : null,
            "the title written by another writer, within the content version's poll interval");

        Assert.Equal(0, cached.SqlStatements);
        Assert.Equal(newTitle, seen);
    }

    [Fact]
    public async Task ReadersOfDraftsAndAnonymousReadersNeverShareAnAnswer()
    {
        const string Drafts = "query($text: String) { sessions(where: { title: { contains: $text } }) { nodes { title status } } }";
        var seenFirstByAnonymous = "Draft " + Fresh();
        var seenFirstByEditor = "Draft " + Fresh();
        await EveryMutation.CreateSessionAsync(editing.Editor, seenFirstByAnonymous);
        await EveryMutation.CreateSessionAsync(editing.Editor, seenFirstByEditor);

        var anonymous = await Server.PostAsync(Drafts, new { text = seenFirstByAnonymous });
        var anonymousAgain = await Server.PostAsync(Drafts, new { text = seenFirstByAnonymous });
        var editor = await Server.PostAsync(Drafts, new { text = seenFirstByAnonymous }, bearerKey: editing.Editor.Key);
        var previewer = await Server.PostAsync(Drafts, new { text = seenFirstByAnonymous }, bearerKey: editing.PreviewerKey);
        var editorFirst = await Server.PostAsync(Drafts, new { text = seenFirstByEditor }, bearerKey: editing.Editor.Key);
        var editorAgain = await Server.PostAsync(Drafts, new { text = seenFirstByEditor }, bearerKey: editing.Editor.Key);
        var anonymousAfterEditor = await Server.PostAsync(Drafts, new { text = seenFirstByEditor });

        Assert.Equal("""{"sessions":{"nodes":[]}}""", anonymous.Data.AsJson());
        Assert.Equal((0, anonymous.Body), (anonymousAgain.SqlStatements, anonymousAgain.Body));
        Assert.Equal(DraftsAnswer(seenFirstByAnonymous), editor.Data.AsJson());
        Assert.Equal(editor.Body, previewer.Body);
        // Keys never share an answer: roles differ in what they may read (editors' webhooks), so the previewer's ran.
        Assert.True(previewer.SqlStatements > 0, "Another key's answer was served to the previewer.");
        Assert.Equal(DraftsAnswer(seenFirstByEditor), editorFirst.Data.AsJson());
        Assert.Equal((0, editorFirst.Body), (editorAgain.SqlStatements, editorAgain.Body));
        Assert.Equal("""{"sessions":{"nodes":[]}}""", anonymousAfterEditor.Data.AsJson());
        Assert.True(editorAgain.Headers.CacheControl is { Private: true, NoStore: true }, "An answer for a key stays private.");
    }

    [Fact]
    public async Task AnswersReadingWebhooksAreNeverKeptSinceNoContentVersionFollowsThem()
    {
        // Registering a webhook changes no content, so a kept answer would list the webhooks as they were.
        const string Webhooks = "query Webhooks { hooks: webhooks { url } ...Deliveries } fragment Deliveries on Query { webhookDeliveries(limit: 1) { status } }";
        var url = $"http://127.0.0.1:9/{Fresh()}";
        var before = await Server.PostAsync(Webhooks, bearerKey: editing.Editor.Key);
        var registered = await editing.Editor.SucceedAsync("registerWebhook", new { url, secret = "cache-test", events = SessionEvents }, "webhook { id }");
        var after = await Server.PostAsync(Webhooks, bearerKey: editing.Editor.Key);
        await editing.Editor.SucceedAsync("removeWebhook", new { id = registered["webhook"].Text("id") });

        Assert.DoesNotContain(url, before.Body, StringComparison.Ordinal);
        Assert.Contains(url, after.Body, StringComparison.Ordinal);
        Assert.True(after.SqlStatements > 0, "The webhooks were answered from the cache.");
    }

    [Fact]
    public async Task TurnedOffEveryRequestRuns()
    {
        using var uncached = Server.WithWebHostBuilder(builder => builder.UseSetting("ResponseCache:Enabled", "false"));
        using var client = uncached.CreateClient();
        var body = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 2 } });

        var first = await SendAsync(client, RawPost(body));
        var again = await SendAsync(client, RawPost(body));

        Assert.True(first.SqlStatements > 0 && again.SqlStatements > 0, "Without the cache every request runs.");
        Assert.Equal(first.Body, again.Body);
    }

    /// <summary>
    /// Many different requests cannot grow the cache past its bound, a large answer is not kept, and a request's own size
    /// (its variables) costs nothing: entries are keyed by a hash. (A full cache refuses new entries until its compaction,
    /// which the overflow starts in the background, has made room: so nothing here expects a particular entry to be kept.)
    /// </summary>
    [Fact]
    public async Task TheSizeBoundHoldsWhateverIsAsked()
    {
        const long Limit = 6_000;
        using var small = Server.WithWebHostBuilder(builder => builder
            .UseSetting("ResponseCache:SizeLimitBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("ResponseCache:MaxEntryBytes", "2000"));
        using var client = small.CreateClient();
        var cache = small.Services.GetRequiredService<ResponseCache>();
        var hugeVariables = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh() + new string('v', 60_000), n = 1 } });
        var huge = await SendAsync(client, RawPost(hugeVariables));
        var hugeAgain = await SendAsync(client, RawPost(hugeVariables));
        var heldForHuge = cache.EstimatedBytes;
        var bodies = Enumerable.Range(0, 30).Select(_ => JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 1 } })).ToList();

        var answers = new List<Answer>();
        foreach (var body in bodies)
        {
            answers.Add(await SendAsync(client, RawPost(body)));
        }

        var heldAfterMany = cache.EstimatedBytes;
        var asked = new List<Answer>();
        foreach (var body in bodies)
        {
            asked.Add(await SendAsync(client, RawPost(body)));
        }

        var schedule = JsonSerializer.Serialize(new { id = ScheduleHash, variables = new { @event = "kubevirt-summit-2021", unused = Fresh() } });
        var large = await SendAsync(client, RawPost(schedule));
        var largeAgain = await SendAsync(client, RawPost(schedule));

        Assert.All(answers.Concat(asked), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.InRange(heldAfterMany, 1, Limit);
        Assert.InRange(cache.EstimatedBytes, 1, Limit);
        // Each answer counts as its body and 400 bytes more, so at most this many fit.
        var fit = Limit / (answers.Min(a => a.Body.Length) + 400);
        Assert.InRange(asked.Count(a => a.SqlStatements == 0), 0, fit);
        Assert.True(large.Body.Length > 2000 && largeAgain.SqlStatements > 0, "An answer over MaxEntryBytes is not kept.");
        Assert.Equal((0, huge.Body), (hugeAgain.SqlStatements, hugeAgain.Body));
        Assert.InRange(heldForHuge, 1, huge.Body.Length + 400);
    }

    [Fact]
    public async Task HitsAndMissesAreCounted()
    {
        using var host = Server.WithWebHostBuilder(builder => builder.UseSetting("Telemetry:PrometheusEndpoint", "/metrics"));
        using var client = host.CreateClient();
        var body = JsonSerializer.Serialize(new { query = Titles, variables = new { x = Fresh(), n = 1 } });
        await SendAsync(client, RawPost(body));
        await SendAsync(client, RawPost(body));

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Matches(@"summit_graph_response_cache_lookups_total\{[^}]*summit_graph_response_cache_result=""hit""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"summit_graph_response_cache_lookups_total\{[^}]*summit_graph_response_cache_result=""miss""[^}]*\} [1-9]", metrics);
    }

    private static string DraftsAnswer(string title) => new JsonObject
    {
        ["sessions"] = new JsonObject { ["nodes"] = new JsonArray(new JsonObject { ["title"] = title, ["status"] = "DRAFT" }) },
    }.AsJson();

    private static string Fresh() => Guid.NewGuid().ToString("N");

    private Task<GraphQLResponse> PostRawAsync(string body, string? cost = null, string? cacheControl = null)
    {
        var request = RawPost(body);
        if (cost is not null)
        {
            request.Headers.Add("GraphQL-Cost", cost);
        }

        if (cacheControl is not null)
        {
            request.Headers.CacheControl = CacheControlHeaderValue.Parse(cacheControl);
        }

        return Server.SendAsync(request);
    }

    private static HttpRequestMessage RawPost(string body) =>
        new(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(),
                int.Parse(response.Headers.GetValues("X-Sql-Statements").First(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private sealed record Answer(HttpStatusCode Status, string Body, int SqlStatements);
}
