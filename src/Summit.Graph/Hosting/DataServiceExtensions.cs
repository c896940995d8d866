using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Import;
using Summit.Graph.Data.Sqlite;
using Summit.Graph.Live;
using Summit.Graph.Webhooks;
using Summit.Graph.Data.Webhooks;

namespace Summit.Graph.Hosting;

public static class DataServiceExtensions
{
    public static WebApplicationBuilder AddSummitData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(provider => new DatabaseOptionsValidation(
            database => ConnectionString(database, builder.Configuration, provider.GetRequiredService<IHostEnvironment>())));
        services.AddSingleton<SqlStatementCounter>();
        services.AddSingleton<IInterceptor, SqliteConnectionSetup>();
        services.AddSingleton<CompiledQueryCache>();
        services.AddPooledDbContextFactory<SummitDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            DatabaseProviders.Configure(options, database.Provider, ConnectionString(database, builder.Configuration, provider.GetRequiredService<IHostEnvironment>()));
            options.AddInterceptors(provider.GetServices<IInterceptor>());
            if (database.Provider != DatabaseProviders.Sqlite)
            {
                // SQLite's connections count their own statements (StatementCachingConnection).
                options.AddInterceptors(provider.GetRequiredService<SqlStatementCounter>());
            }

            options.UseMemoryCache(provider.GetRequiredService<CompiledQueryCache>().Cache);
            // Every context is used by one loader or one edit at a time (created for it and disposed after), so EF
            // Core's check for concurrent use, an AsyncLocal write around every statement (a twentieth of a read's
            // allocations), only runs in Development, where it would catch a change that breaks that rule.
            options.EnableThreadSafetyChecks(provider.GetRequiredService<IHostEnvironment>().IsDevelopment());
        }, builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.ContextPoolSize ?? new DatabaseOptions().ContextPoolSize);
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageReader>();
        services.Configure<RedisOptions>(builder.Configuration.GetSection(RedisOptions.Section));
        services.AddSingleton<DatabaseContentVersion>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseContentVersion>());
        services.AddSingleton(provider => CreateNotifier(provider.GetRequiredService<IOptions<RedisOptions>>().Value, provider.GetRequiredService<DatabaseContentVersion>(),
            provider.GetRequiredService<ILogger<RedisContentRelay>>()));
        return builder;
    }

    /// <summary>
    /// Applies migrations and, for the server (<paramref name="serving"/>), writes the configured webhooks (a server that
    /// does not migrate leaves the database as it is), and imports the bundled summit into an empty database, as
    /// configured. Command-line commands leave the webhooks as they are: they run without the server's settings, and
    /// writing theirs would remove the webhooks the running server was configured with.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool serving = false)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var contexts = app.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>();
        await using var db = contexts.CreateDbContext();
        if (options.MigrateOnStartup)
        {
            await MigrateWhenReachableAsync(db, TimeSpan.FromSeconds(options.StartupTimeoutSeconds), app.Logger);
            if (serving)
            {
                await app.Services.SyncConfiguredWebhooksAsync();
            }
        }

        if (options.SeedWhenEmpty && !await db.Events.AnyAsync())
        {
            var page = app.Services.GetRequiredService<PageReader>().Read(BundledContent.Summit2021());
            await app.Services.ImportAsync(page.Event, new ImportOptions(BundledContent.Name));
            app.Logger.LogInformation("Imported the bundled KubeVirt Summit 2021 into the empty database.");
        }
    }

    /// <summary>
    /// Imports one edition in its own context and transaction, and tells subscribers and caches when rows changed.
    /// Without <paramref name="options"/> the page is taken as "page" and an import that would remove content stops.
    /// </summary>
    public static async Task<ImportSummary> ImportAsync(this IServiceProvider services, Content.Model.EventContent content, ImportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext();
        var summary = await new ProgrammeImporter(db, services.GetRequiredService<MarkdownRenderer>(), services.GetRequiredService<WebhookOutbox>()).ImportAsync(content, options ?? new ImportOptions("page"), cancellationToken);
        if (summary.Written && summary.RowsChanged > 0)
        {
            await SqliteConnectionSetup.OptimizeAsync(db, cancellationToken);
            await services.GetRequiredService<ContentChangeNotifier>().PublishAsync([new EditionChange(summary.EventSlug, [], Public: true, WholeProgramme: true)],
                new ContentVersions(summary.StoredVersions.Version, summary.StoredVersions.PublicVersion));
        }

        return summary;
    }

    /// <summary>
    /// Relays changes through Redis when it is configured (several instances), else keeps them in process; either way
    /// every change raises the database's content version, which every server polls.
    /// </summary>
    private static ContentChangeNotifier CreateNotifier(RedisOptions redis, DatabaseContentVersion database, ILogger<RedisContentRelay> logger)
    {
        if (string.IsNullOrWhiteSpace(redis.ConnectionString))
        {
            return new ContentChangeNotifier(database: database);
        }

        // Once, at start-up: the singleton is built before the first request.
        var relay = RedisContentRelay.ConnectAsync(redis, logger).GetAwaiter().GetResult();
        var notifier = new ContentChangeNotifier(relay, database);
        relay.ListenAsync((versions, changes) =>
        {
            notifier.Deliver(versions, changes);
            // The validators also carry the database's version: read it now, so this instance's agree with the writer's sooner than the next poll.
            _ = database.RefreshAfterChangeAsync();
        }).GetAwaiter().GetResult();
        return notifier;
    }

    /// <summary>
    /// Applies the migrations the database lacks, waiting up to <paramref name="timeout"/> for it: a database server
    /// started next to the app (docker compose) may take a while to accept connections, and another process may be
    /// migrating. A database with nothing to apply is only read: EF Core's <c>MigrateAsync</c> takes its migration lock
    /// (a row in <c>__EFMigrationsLock</c>) even then, so every start would need to write (a read-only or locked database
    /// could not even be exported) and a lock row left by a process killed while holding it would stop every later
    /// start. Past the deadline the last failure is thrown, or a <see cref="DatabaseStartupTimeoutException"/> when EF Core was still waiting.
    /// </summary>
    private static async Task MigrateWhenReachableAsync(SummitDbContext db, TimeSpan timeout, ILogger logger)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                if ((await db.Database.GetPendingMigrationsAsync(deadline.Token)).Any())
                {
                    await db.Database.MigrateAsync(deadline.Token);
                }

                return;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new DatabaseStartupTimeoutException($"The database could not be migrated within Database:StartupTimeoutSeconds ({timeout.TotalSeconds:0} s): it did not answer, "
                    + "another process holds it locked, or a process that stopped while migrating left its lock (a row in __EFMigrationsLock: delete it if no other process is migrating).");
            }
            catch (System.Data.Common.DbException exception) when (!deadline.IsCancellationRequested)
            {
                logger.LogWarning("The database is not reachable yet ({Reason}); retrying.", exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
        }
    }

    /// <summary><c>Database:ConnectionString</c>, else <c>ConnectionStrings:Summit</c>, else SQLite's file in the data folder; null for a server database without one.</summary>
    private static string? ConnectionString(DatabaseOptions database, IConfiguration configuration, IHostEnvironment environment) =>
        database.ConnectionString
        ?? configuration.GetConnectionString("Summit")
        ?? (database.Provider == DatabaseProviders.Sqlite ? DefaultSqlite(database, environment) : null);

    private static string DefaultSqlite(DatabaseOptions options, IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, options.DataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "summit.db")};Pooling=True";
    }
}

/// <summary>The 2021 summit page shipped inside the server as its default content.</summary>
public static class BundledContent
{
    /// <summary>What imports of the bundled page are called in revisions.</summary>
    public const string Name = "bundled kubevirt-summit-2021.md";

    public static string Summit2021()
    {
        using var stream = typeof(BundledContent).Assembly.GetManifestResourceStream("Summit.Graph.Seed.kubevirt-summit-2021.md")
            ?? throw new InvalidOperationException("The bundled summit page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
