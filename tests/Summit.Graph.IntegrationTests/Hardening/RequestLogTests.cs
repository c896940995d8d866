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
        using var logged = server.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:BootstrapEditorKey", EditorKey)
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = logged.CreateClient();

        using var mutation = await client.SendAsync(Requests.Post(
            "mutation Retitle($title: String!) { updateSession(input: { id: \"U2Vzc2lvbjo5OTk5OQ==\", version: 1, title: $title }) { errors { __typename } } }",
            new { title = SecretTitle }, EditorKey));
        using var query = await client.SendAsync(Requests.Post("query Titles($slug: String!) { session(slug: $slug) { title } }", new { slug = SecretTitle }));
        using var refused = await client.SendAsync(Requests.Post("query Refused { nothing }"));

        var entries = logs.Entries.ToList();
        var operations = entries.Where(e => e.StartsWith("GraphQL ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, operations.Count);
        Assert.Matches(@"^GraphQL Mutation Retitle finished in [\d.]+ ms with \d+ SQL statements; errors: none$", operations[0]);
        Assert.Matches(@"^GraphQL Query Titles finished in [\d.]+ ms with \d+ SQL statements; errors: none$", operations[1]);
        Assert.Matches(@"^GraphQL Query Refused finished in [\d.]+ ms with 0 SQL statements; errors: FIELDS_ON_CORRECT_TYPE$", operations[2]);
        Assert.DoesNotContain(entries, e => e.Contains(EditorKey, StringComparison.Ordinal) || e.Contains(SecretTitle, StringComparison.Ordinal) || e.Contains("Bearer", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every message logged at any level the configuration lets through.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
