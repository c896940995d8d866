using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQLParser.AST;

namespace Summit.Graph.Telemetry;

/// <summary>
/// The GraphQL layer's traces and metrics, in the OpenTelemetry semantic conventions' terms: one span per operation
/// (<c>GraphQL query Schedule</c>) with <c>graphql.operation.type</c>, <c>graphql.operation.name</c>, the operation's
/// cost (<c>summit.graphql.cost</c>, as its limit measures it) and its error codes (<c>summit.graphql.error_codes</c>);
/// and per operation type, name and outcome the counter <c>graphql.server.operations</c>, the histograms
/// <c>graphql.server.operation.duration</c> (seconds) and <c>graphql.server.operation.cost</c>; the response cache's
/// lookups by result (<c>summit.graph.response_cache.lookups</c>, hit or miss); and the webhook sender's rounds by
/// outcome (<c>summit.graph.webhook.rounds</c>: delivered, retry or given_up). Exported only when
/// <see cref="TelemetryOptions"/> configures an exporter; without a listener the instruments cost next to nothing.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Summit.Graph";

    /// <summary>How many distinct operation names are told apart; later ones are counted as <see cref="OtherName"/>.</summary>
    public const int MaxOperationNames = 100;

    /// <summary>The name tag of anonymous operations.</summary>
    public const string AnonymousName = "(anonymous)";

    /// <summary>The name tag of operations past <see cref="MaxOperationNames"/>.</summary>
    public const string OtherName = "(other)";

    private const int MaxNameLength = 64;

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "graphql.server.operations", "{operation}", "GraphQL operations executed, by type, name and outcome.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "graphql.server.operation.duration", "s", "How long GraphQL operations took, parsing to result.");
    private static readonly Histogram<double> Cost = Meter.CreateHistogram<double>(
        "graphql.server.operation.cost", "{cost}", "The cost of GraphQL operations, as the complexity limit measures it.");

    private static readonly Counter<long> ResponseCacheLookups = Meter.CreateCounter<long>(
        "summit.graph.response_cache.lookups", "{lookup}", "Requests looked up in the response cache, by result: hit (answered from memory) or miss.");

    private static readonly Counter<long> WebhookRounds = Meter.CreateCounter<long>(
        "summit.graph.webhook.rounds", "{round}", "Webhook delivery rounds, by outcome: delivered, retry (failed; tried again later) or given_up (failed past Webhooks:GiveUpAfter; the delivery is FAILED).");

    // Operation names come from clients: a stranger sending a new name with every request must not grow the
    // metrics (one series per name) without bound.
    private static readonly ConcurrentDictionary<string, string> KnownNames = new(StringComparer.Ordinal);

    /// <summary>Starts the operation's span; null when nothing listens.</summary>
    public static Activity? Start(OperationType type, string? operationName)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"GraphQL {TypeName(type)} {NameTag(operationName)}", ActivityKind.Internal);
        activity?.SetTag("graphql.operation.type", TypeName(type));
        activity?.SetTag("graphql.operation.name", NameTag(operationName));
        return activity;
    }

    /// <summary>Ends the span and records the metrics of one executed operation.</summary>
    /// <param name="errorCodes">The distinct <c>extensions.code</c>s of the result's errors; empty when it has none.</param>
    public static void Finish(Activity? activity, OperationType type, string? operationName, TimeSpan elapsed, double? cost, IReadOnlyCollection<string> errorCodes)
    {
        if (!Operations.Enabled && !Duration.Enabled && activity is null)
        {
            return;
        }

        var outcome = errorCodes.Count == 0 ? "ok" : "error";
        var tags = new TagList
        {
            { "graphql.operation.type", TypeName(type) },
            { "graphql.operation.name", NameTag(operationName) },
            { "summit.graphql.outcome", outcome },
        };
        Operations.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        if (cost is { } measured)
        {
            Cost.Record(measured, tags);
        }

        if (activity is null)
        {
            return;
        }

        if (cost is { } spanCost)
        {
            activity.SetTag("summit.graphql.cost", spanCost);
        }

        if (errorCodes.Count > 0)
        {
            activity.SetTag("summit.graphql.error_codes", string.Join(',', errorCodes));
            activity.SetStatus(ActivityStatusCode.Error, errorCodes.First());
        }

        activity.Dispose();
    }

    /// <summary>Counts one lookup of the response cache (<see cref="Http.ResponseCache"/>).</summary>
    public static void CountResponseCacheLookup(bool hit) =>
        ResponseCacheLookups.Add(1, new KeyValuePair<string, object?>("summit.graph.response_cache.result", hit ? "hit" : "miss"));

    /// <summary>Counts one recorded round of the webhook sender: <c>delivered</c>, <c>retry</c> or <c>given_up</c>.</summary>
    public static void CountWebhookRound(string outcome) =>
        WebhookRounds.Add(1, new KeyValuePair<string, object?>("summit.graph.webhook.outcome", outcome));

    private static string TypeName(OperationType type) => type switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    private static string NameTag(string? operationName)
    {
        if (string.IsNullOrEmpty(operationName))
        {
            return AnonymousName;
        }

        if (KnownNames.TryGetValue(operationName, out var known))
        {
            return known;
        }

        return operationName.Length > MaxNameLength || KnownNames.Count >= MaxOperationNames
            ? OtherName
            : KnownNames.GetOrAdd(operationName, operationName);
    }
}
