using System.Net;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Live;

namespace Summit.Graph.IntegrationTests.Hosting;

/// <summary>
/// The start-up warm-up runs every trusted document once through the request pipeline, changes nothing anyone
/// can observe, obeys <c>GraphQL:WarmUp:Enabled</c> and gives up quietly without a database. Each test starts a
/// server of its own: the shared one has long been warmed by the time a test runs.
/// </summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task EveryTrustedDocumentIsParsedAndValidatedBeforeTheFirstRequest()
    {
        using var server = new SummitServer();
        var warmed = TrustedDocuments(server).Where(document => IsRemembered(server, document)).Select(d => d.Name).ToList();

        var schedule = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, ScheduleUrl(server)));

        Assert.Equal(TrustedDocuments(server).Select(d => d.Name), warmed);
        Assert.Equal(HttpStatusCode.OK, schedule.Status);
        // The background pollers (content version, webhook sender, schedule) report the outage (once each, and EF Core each
        // time one tries); the warm-up adds nothing.
        string[] outageReporters = [" Summit.Graph.Live.DatabaseContentVersion:", " Summit.Graph.Webhooks.WebhookSender:",
            " Summit.Graph.GraphQL.Sessions.ScheduledPublisher:", " Microsoft.EntityFrameworkCore.Database.Connection:"];
        Assert.DoesNotContain(server.Logs.Entries, entry => !outageReporters.Any(source => entry.Contains(source, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheWarmUpChangesNoContentVersionETagOrRow()
    {
        using var server = new SummitServer { Settings = { ["GraphQL:WarmUp:Enabled"] = "false" } };
        var notifier = server.Services.GetRequiredService<ContentChangeNotifier>();
        var before = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, ScheduleUrl(server)));
        var rows = await server.DumpDatabaseAsync();
        var versions = (notifier.ContentVersion, notifier.PublicVersion);

        var executed = await server.Services.GetRequiredService<StartupWarmUp>().RunAsync(CancellationToken.None);

        var revalidation = new HttpRequestMessage(HttpMethod.Get, ScheduleUrl(server));
        revalidation.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await server.SendAsync(revalidation);
        Assert.Equal(2 * TrustedDocuments(server).Count, executed);
        Assert.Equal(HttpStatusCode.NotModified, after.Status);
        Assert.Equal(versions, (notifier.ContentVersion, notifier.PublicVersion));
        Assert.Equal(rows, await server.DumpDatabaseAsync());
        // The background pollers (content version, webhook sender, schedule) report the outage (once each, and EF Core each
        // time one tries); the warm-up adds nothing.
        string[] outageReporters = [" Summit.Graph.Live.DatabaseContentVersion:", " Summit.Graph.Webhooks.WebhookSender:",
            " Summit.Graph.GraphQL.Sessions.ScheduledPublisher:", " Microsoft.EntityFrameworkCore.Database.Connection:"];
        Assert.DoesNotContain(server.Logs.Entries, entry => !outageReporters.Any(source => entry.Contains(source, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SwitchedOffItRunsNothing()
    {
        using var server = new SummitServer { Settings = { ["GraphQL:WarmUp:Enabled"] = "false" } };
        var ready = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql/schema.graphql"));

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.All(TrustedDocuments(server), document => Assert.False(IsRemembered(server, document), $"warmed: {document.Name ?? "(anonymous)"}"));
    }

    [Fact]
    public async Task WithoutADatabaseItGivesUpWithoutWarnings()
    {
        using var server = SummitServer.WithUnreachableDatabase();
        var live = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health/live"));

        var executed = await server.Services.GetRequiredService<StartupWarmUp>().RunAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(0, executed);
        Assert.All(TrustedDocuments(server), document => Assert.False(IsRemembered(server, document)));
        // The background pollers (content version, webhook sender, schedule) report the outage (once each, and EF Core each
        // time one tries); the warm-up adds nothing.
        string[] outageReporters = [" Summit.Graph.Live.DatabaseContentVersion:", " Summit.Graph.Webhooks.WebhookSender:",
            " Summit.Graph.GraphQL.Sessions.ScheduledPublisher:", " Microsoft.EntityFrameworkCore.Database.Connection:"];
        Assert.DoesNotContain(server.Logs.Entries, entry => !outageReporters.Any(source => entry.Contains(source, StringComparison.Ordinal)));
    }

    /// <summary>The schedule as the front end asks a CDN for it: the trusted document by ID, with an ETag.</summary>
    private static string ScheduleUrl(SummitServer server)
    {
        var schedule = TrustedDocuments(server).Single(d => d.Name == "Schedule");
        return $"/graphql?documentId=sha256:{PersistedDocuments.Hash(schedule.Text)}&variables=%7B%22event%22%3A%22kubevirt-summit-2021%22%7D";
    }

    private static List<(string Text, string? Name)> TrustedDocuments(SummitServer server) =>
        [.. server.Services.GetRequiredService<PersistedDocuments>().TrustedTexts
            .Select(text => (text, GraphQLParser.Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>().Single().Name?.StringValue))];

    /// <summary>In the validated-document cache both as sent without an operation name and with its own.</summary>
    private static bool IsRemembered(SummitServer server, (string Text, string? Name) document)
    {
        var cache = server.Services.GetRequiredService<ValidatedDocuments>();
        return cache.TryGet(document.Text, null, out _) && cache.TryGet(document.Text, document.Name, out _);
    }
}
