using System.Security.Claims;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;

namespace Summit.Graph.Http;

/// <summary>Section <c>GraphQL:WarmUp</c>: the run of the trusted documents at start-up (<see cref="StartupWarmUp"/>).</summary>
public sealed class WarmUpOptions
{
    public const string Section = "GraphQL:WarmUp";

    /// <summary>
    /// Runs every trusted document once in the background right after start-up (default true). Turn it off to
    /// measure a cold start, or where start-up CPU matters more than the first requests' speed.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Runs each trusted document of <c>schema/operations</c> once through <see cref="GraphQLOperations"/>, the
/// pipeline every request takes, in the background as soon as the server has started (migrations and the
/// bundled import are done by then). The first real requests then find the documents parsed and validated
/// (<see cref="ValidatedDocuments"/>), their LINQ queries in EF Core's compiled-query cache, and the code on their
/// path JIT-compiled: a fresh instance ran the schedule at half its warm rate for its first seconds.
/// <para>
/// It reads what anonymous clients see, with no HTTP request and outside every client's rate limit: no content,
/// count, version, ETag, revision or rate changes, and readiness does not wait for it. Each document runs once
/// with no operation name (as plain POSTs and <c>documentId</c> GETs send it) and once with its operation's name
/// (as Apollo-style clients send it), since the document cache keys on both. Required variables without a default get an empty value of their scalar type
/// (<c>""</c>, <c>0</c>, <c>false</c>), which may select nothing: such a document still warms its parsing,
/// validation and root query. Its operations stay out of the request log; one Debug line tells how many ran and
/// how long they took. When the database does not answer it logs once at Information and gives up, leaving
/// the first requests to compile their own paths.
/// </para>
/// </summary>
public sealed partial class StartupWarmUp(
    GraphQLOperations operations,
    PersistedDocuments documents,
    IDbContextFactory<SummitDbContext> contexts,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<WarmUpOptions> options,
    ILogger<StartupWarmUp> logger) : BackgroundService
{
    /// <summary>
    /// Who the warm-up reads as: signed in, so that it takes no token from any client's rate (clients without an
    /// address share one), yet with no role, so that it sees exactly what anonymous readers see.
    /// </summary>
    private static readonly ClaimsPrincipal Reader = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "startup-warm-up")], nameof(StartupWarmUp)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped before or while warming up: nothing to finish.
            }
        }
    }

    /// <summary>
    /// Runs every trusted document as <see cref="StartupWarmUp"/> describes, whatever <see cref="WarmUpOptions.Enabled"/>
    /// says; returns how many operations executed (two per trusted document that names its operation), 0 when the
    /// database does not answer.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!await HealthEndpoints.DatabaseAnswersAsync(contexts, cancellationToken))
        {
            LogDatabaseUnavailable(logger);
            return 0;
        }

        var executed = 0;
        foreach (var text in documents.TrustedTexts)
        {
            var operation = GraphQLParser.Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>().First();
            var variables = SampleVariables(operation);
            foreach (var operationName in new[] { null, operation.Name?.StringValue }.Distinct())
            {
                var prepared = operations.Prepare(new GraphQLRequest { Query = text, OperationName = operationName, Variables = variables }) with { WarmUp = true };
                if (prepared.Error is { } refused)
                {
                    LogNotRun(logger, operation.Name?.StringValue ?? "(anonymous)", refused.Code ?? "ERROR");
                    break;
                }

                var result = await operations.ExecuteAsync(prepared, Reader, services, cancellationToken);
                executed += result.Executed ? 1 : 0;
                if (result.Errors?.Any(e => e.Code == DatabaseErrors.UnavailableCode) == true)
                {
                    LogDatabaseUnavailable(logger);
                    return executed;
                }
            }
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogWarmed(logger, executed, elapsed);

        return executed;
    }

    /// <summary>Empty values of the built-in scalars for the required variables that have no default.</summary>
    private static Inputs SampleVariables(GraphQLOperationDefinition operation)
    {
        var values = new Dictionary<string, object?>();
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            if (variable is { Type: GraphQLNonNullType { Type: GraphQLNamedType type }, DefaultValue: null })
            {
                values[variable.Variable.Name.StringValue] = type.Name.StringValue switch
                {
                    "Int" => 0,
                    "Float" => 0.0,
                    "Boolean" => false,
                    _ => "",
                };
            }
        }

        return new Inputs(values);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The start-up warm-up is off (GraphQL:WarmUp:Enabled).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The start-up warm-up gave up: the database does not answer. The first requests compile their own paths.")]
    private static partial void LogDatabaseUnavailable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The start-up warm-up did not run {OperationName}: {ErrorCode}")]
    private static partial void LogNotRun(ILogger logger, string operationName, string errorCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The start-up warm-up ran {Executed} operations of the trusted documents in {ElapsedMs:F0} ms.")]
    private static partial void LogWarmed(ILogger logger, int executed, double elapsedMs);
}
