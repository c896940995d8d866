using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Summit.Graph.Data;

namespace Summit.Graph.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (for restarts). <c>/health/ready</c>: it can reach its database
/// (for load balancers). Neither reveals more than healthy or unhealthy.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSummitHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapSummitHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>
    /// Whether the database accepts a connection within 3 s: what readiness reports, and what the start-up warm-up
    /// asks before it runs anything. False, never an exception, when it is down, refuses or does not answer.
    /// </summary>
    public static async Task<bool> DatabaseAnswersAsync(IDbContextFactory<SummitDbContext> contexts, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var db = await contexts.CreateDbContextAsync(timeout.Token);
            return await db.Database.CanConnectAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.Data.Common.DbException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<SummitDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await DatabaseAnswersAsync(contexts, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
