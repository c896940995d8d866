using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Small requests whose work or answer grows far faster than themselves: lists costed at their real sizes, fields
/// repeated under one name (validation compares every two), introspection repeated, subscriptions that run again
/// for every event, quoted values in errors, and subscribers that stop reading. Each is refused or bounded.
/// </summary>
public sealed class AmplificationTests(HostileServer hostile) : IClassFixture<HostileServer>
{
    private SummitServer Server => hostile.Server;

    public static TheoryData<string, string, string?> Documents() => new()
    {
        { "sessions of an edition two levels deep", "{ event { sessions { event { sessions { slug } } } } }", null },
        { "sessions of an edition three levels deep", "{ event { sessions { event { sessions { event { sessions { slug } } } } } } }", "LIMIT_COMPLEXITY" },
        { "sessions of an edition five levels deep", "{ event { sessions { event { sessions { event { sessions { event { sessions { event { sessions { slug } } } } } } } } } } }", "LIMIT_COMPLEXITY" },
        { "10 fields under one name", "{ " + Repeat(10, i => $"event(slug: \"s{i}\") {{ slug }}") + " }", "FIELDS_ON_CORRECT_TYPE|OVERLAPPING_FIELDS_CAN_BE_MERGED" },
        { "11 fields under one name", "{ " + Repeat(11, i => $"event(slug: \"s{i}\") {{ slug }}") + " }", "LIMIT_FIELD_REPEATS" },
        { "420 fields under one name", "{ " + Repeat(420, i => $"event(slug: \"s{i}\") {{ slug }}") + " }", "LIMIT_FIELD_REPEATS" },
        { "300 inline fragments asking one name", "{ " + Repeat(300, i => $"... {{ event(slug: \"s{i}\") {{ slug }} }}") + " }", "LIMIT_FIELD_REPEATS" },
        { "5 introspection selections", "{ " + Repeat(5, i => $"s{i}: __schema {{ queryType {{ name }} }}") + " }", null },
        { "6 introspection selections", "{ " + Repeat(6, i => $"s{i}: __schema {{ queryType {{ name }} }}") + " }", "LIMIT_INTROSPECTION" },
        { "90 introspection selections", "{ " + Repeat(90, i => $"s{i}: __schema {{ types {{ description fields {{ description }} }} }}") + " }", "LIMIT_INTROSPECTION" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task AmplifyingDocumentsAreRefusedBeforeTheyRun(string name, string query, string? code)
    {
        var response = await Server.PostJsonAsync(query);

        if (code is null)
        {
            Assert.True(response.Errors is null, $"{name}: {HostileRequests.Truncate(response.Body)}");
        }
        else
        {
            Assert.True(response.FirstErrorCode is { } first && code.Split('|').Contains(first), $"{name}: expected {code}, got {HostileRequests.Truncate(response.Body)}");
            response.AssertRefused(HttpStatusCode.BadRequest);
            Assert.Equal(0, response.SqlStatements);
        }

        Assert.True(response.Body.Length < 20_000, $"{name}: {response.Body.Length:N0} bytes");
    }

    [Theory]
    [InlineData(Transport.ServerSentEvents)]
    [InlineData(Transport.WebSocket)]
    [InlineData(Transport.LegacyWebSocket)]
    public async Task SubscriptionsAreCostedForRunningAgainOnEveryEvent(Transport transport)
    {
        var large = "subscription { onProgrammeChanged { event { " + Repeat(20, i => $"a{i}: sessions {{ title slug abstract {{ html markdown }} }}") + " } } }";

        var answer = await Server.SendAsync(transport, new JsonObject { ["query"] = large });

        Assert.True(answer.FirstErrorCode == "LIMIT_COMPLEXITY", answer.ToString());
        Assert.Contains("GraphQL:Limits:MaxSubscriptionComplexity", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1_000, null)]
    [InlineData(2, 500, null)]
    [InlineData(2, 501, "MARKDOWN_TOO_LONG")]
    [InlineData(20, 1_000, "MARKDOWN_TOO_LONG")]
    public async Task AnonymousOperationsRenderAtMostTheirLengthInAll(int aliases, int characters, string? code)
    {
        var query = "query($m: String!) { " + Repeat(aliases, i => $"r{i}: renderMarkdown(markdown: $m)") + " }";
        var markdown = string.Concat(Enumerable.Repeat("*a* ", characters / 4)) + new string('b', characters % 4);

        var anonymous = await Server.PostJsonAsync(query, new { m = markdown });
        var editor = await Server.PostJsonAsync(query, new { m = markdown }, bearerKey: hostile.Editor.Key);

        Assert.True(code == anonymous.FirstErrorCode, HostileRequests.Truncate(anonymous.Body));
        Assert.True(editor.Errors is null, HostileRequests.Truncate(editor.Body));
        if (code is not null)
        {
            anonymous.AssertRefused(HttpStatusCode.BadRequest, "(GraphQL:Limits:AnonymousMarkdownMaxLength)");
        }
    }

    [Theory]
    [InlineData(65_536, null, null)]
    [InlineData(65_537, "LIMIT_INPUT_STRING_LENGTH", "LIMIT_INPUT_STRING_LENGTH")]
    [InlineData(900_000, "LIMIT_INPUT_STRING_LENGTH", "LIMIT_DOCUMENT_LENGTH")]
    public async Task StringValuesAreBoundedInVariablesAndInTheDocument(int length, string? variableCode, string? documentCode)
    {
        var value = new string('x', length);

        var asVariable = await Server.PostJsonAsync("query($v: String) { slots(first: 1) { nodes { startsAt(timeZone: $v) } } }", new { v = value });
        var inDocument = await Server.PostJsonAsync($"{{ event(slug: \"{value}\") {{ slug }} }}");

        if (variableCode is null)
        {
            Assert.Equal("UNKNOWN_TIME_ZONE", asVariable.FirstErrorCode);
            Assert.True(inDocument.Errors is null, HostileRequests.Truncate(inDocument.Body));
            return;
        }

        asVariable.AssertRefused(HttpStatusCode.BadRequest, "GraphQL:Limits:");
        inDocument.AssertRefused(HttpStatusCode.BadRequest, "GraphQL:Limits:");
        Assert.Equal(variableCode, asVariable.FirstErrorCode);
        Assert.Equal(documentCode, inDocument.FirstErrorCode);
    }

    [Fact]
    public async Task QuotedValuesInErrorsAreCut()
    {
        var huge = new string('x', 60_000);

        var response = await Server.PostJsonAsync("query($v: String) { slots(first: 20) { nodes { startsAt(timeZone: $v) } } }", new { v = huge });

        Assert.NotNull(response.Errors);
        Assert.All(response.Errors!, error => Assert.True(error!["message"]!.GetValue<string>().Length <= BoundedErrorInfoProvider.MaxMessageLength + 1));
        Assert.Equal("UNKNOWN_TIME_ZONE", response.FirstErrorCode);
        Assert.StartsWith($"'{new string('x', 64)}…' is not a known time zone", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(response.Body.Length < 10_000, $"{response.Body.Length:N0} bytes of answer");
    }

    [Fact]
    public async Task ASubscriberThatFallsBehindIsEndedWithACode()
    {
        var streams = Server.Services.GetRequiredService<SubscriptionStreams>();
        var events = new EventSource();
        var executed = new ExecutionResult { Streams = new Dictionary<string, IObservable<ExecutionResult>>  { ["onProgrammeChanged"] = events } };
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        await using var results = streams.ResultsAsync(executed, anonymous, CancellationToken.None).GetAsyncEnumerator();

        // The subscriber reads nothing while twice its buffer of events arrives.
        var reading = results.MoveNextAsync();
        for (var i = 0; i < 2 * SubscriptionStreams.BufferedEvents; i++)
        {
            events.Publish(new ExecutionResult { Data = i });
        }

        var received = new List<ExecutionResult>();
        while (await reading)
        {
            received.Add(results.Current);
            reading = results.MoveNextAsync();
        }

        Assert.Equal("LIMIT_SLOW_SUBSCRIBER", received[^1].Errors?[0].Code);
        // The buffer's events, plus the one the waiting read may have taken while the events arrived.
        Assert.InRange(received.Count - 1, SubscriptionStreams.BufferedEvents, SubscriptionStreams.BufferedEvents + 1);
    }

    private static string Repeat(int count, Func<int, string> item) => string.Join(' ', Enumerable.Range(0, count).Select(item));

    private sealed class EventSource : IObservable<ExecutionResult>
    {
        private readonly List<IObserver<ExecutionResult>> observers = [];

        public IDisposable Subscribe(IObserver<ExecutionResult> observer)
        {
            observers.Add(observer);
            return new Unsubscriber(() => observers.Remove(observer));
        }

        public void Publish(ExecutionResult result)
        {
            foreach (var observer in observers.ToList())
            {
                observer.OnNext(result);
            }
        }

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
