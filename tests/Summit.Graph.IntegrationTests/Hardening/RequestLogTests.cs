using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

[Collection(SummitServerCollection.Name)]
public sealed class RequestLogTests(SummitServer server)
{
    private const string EditorKey = "request-log-test-editor-key-7f3a";
    private const string SecretTitle = "Personal title of Jane Roe";

    [Fact]
    public async Task EachOperationIsLoggedOnceWithoutKeysOrVariables()
    {
        var logs = new CapturedLogs();
        using var logged = LoggedServer(logs, "Debug");
        using var client = logged.CreateClient();

        await SendRetitleTitlesAndRefusedAsync(client);

        var entries = logs.Entries.ToList();
        var operations = entries.Where(e => e.Message.StartsWith("GraphQL ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, operations.Count);
        Assert.Matches(@"^GraphQL Mutation Retitle finished in [\d.]+ ms with \d+ SQL statements; errors: none$", operations[0].Message);
        Assert.Matches(@"^GraphQL Query Titles finished in [\d.]+ ms with \d+ SQL statements; errors: none$", operations[1].Message);
        Assert.Matches(@"^GraphQL Query Refused finished in [\d.]+ ms with 0 SQL statements; errors: FIELDS_ON_CORRECT_TYPE$", operations[2].Message);
        Assert.Equal([LogLevel.Information, LogLevel.Debug, LogLevel.Information], operations.Select(o => o.Level));
        Assert.DoesNotContain(entries, e => e.Message.Contains(EditorKey, StringComparison.Ordinal) || e.Message.Contains(SecretTitle, StringComparison.Ordinal) || e.Message.Contains("Bearer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AtTheDefaultLevelEditsAndFailuresAreLoggedButSuccessfulReadsAreNot()
    {
        var logs = new CapturedLogs();
        using var logged = LoggedServer(logs, "Information");
        using var client = logged.CreateClient();

        await SendRetitleTitlesAndRefusedAsync(client);

        var operations = logs.Entries.Where(e => e.Message.StartsWith("GraphQL ", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Equal(2, operations.Count);
        Assert.StartsWith("GraphQL Mutation Retitle finished", operations[0], StringComparison.Ordinal);
        Assert.StartsWith("GraphQL Query Refused finished", operations[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationsSlowerThanTheThresholdAreWarnings()
    {
        var logs = new CapturedLogs();
        using var logged = LoggedServer(logs, "Warning", slowOperationMilliseconds: "0");
        using var client = logged.CreateClient();

        using var response = await client.SendAsync(Requests.Post("query Titles { sessions(first: 1) { nodes { title } } }"));

        var operation = Assert.Single(logs.Entries, e => e.Message.StartsWith("GraphQL ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, operation.Level);
        Assert.StartsWith("GraphQL Query Titles finished", operation.Message, StringComparison.Ordinal);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> LoggedServer(CapturedLogs logs, string operationLogLevel, string slowOperationMilliseconds = "60000") =>
        server.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:BootstrapEditorKey", EditorKey)
            .UseSetting("Logging:LogLevel:Summit.Graph.Http.GraphQLOperations", operationLogLevel)
            .UseSetting("GraphQL:SlowOperationMilliseconds", slowOperationMilliseconds)
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

    private static async Task SendRetitleTitlesAndRefusedAsync(HttpClient client)
    {
        using var mutation = await client.SendAsync(Requests.Post(
            "mutation Retitle($title: String!) { updateSession(input: { id: \"U2Vzc2lvbjo5OTk5OQ==\", version: 1, title: $title }) { errors { __typename } } }",
            new { title = SecretTitle }, EditorKey));
        using var query = await client.SendAsync(Requests.Post("query Titles($slug: String!) { session(slug: $slug) { title } }", new { slug = SecretTitle }));
        using var refused = await client.SendAsync(Requests.Post("query Refused { nothing }"));
        Assert.All([mutation, query, refused], response => Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.BadRequest));
    }

    private sealed record Entry(LogLevel Level, string Message);

    /// <summary>Every message logged at any level the configuration lets through.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }
}
