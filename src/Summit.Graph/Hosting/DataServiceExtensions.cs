using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Import;
using Summit.Graph.Live;

namespace Summit.Graph.Hosting;

public static class DataServiceExtensions
{
    private const string SqliteMigrations = "Summit.Graph.Migrations.Sqlite";

    public static WebApplicationBuilder AddSummitData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<IInterceptor, SqlStatementCounter>();
        services.AddSingleton<IInterceptor, SqliteConnectionSetup>();
        services.AddPooledDbContextFactory<SummitDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            switch (database.Provider)
            {
                case "Sqlite":
                    options.UseSqlite(database.ConnectionString ?? DefaultSqlite(database, environment), o => o.MigrationsAssembly(SqliteMigrations));
                    break;
                default:
                    throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not supported; use Sqlite.");
            }

            options.AddInterceptors(provider.GetServices<IInterceptor>());
        });
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageReader>();
        services.AddSingleton<ContentChangeNotifier>();
        return builder;
    }

    /// <summary>Applies migrations and imports the bundled summit into an empty database, as configured.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var contexts = app.Services.GetRequiredService<IDbContextFactory<SummitDbContext>>();
        await using var db = contexts.CreateDbContext();
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }

        if (options.SeedWhenEmpty && !await db.Events.AnyAsync())
        {
            var page = app.Services.GetRequiredService<PageReader>().Read(BundledContent.Summit2021());
            await app.Services.ImportAsync(page.Event);
            app.Logger.LogInformation("Imported the bundled KubeVirt Summit 2021 into the empty database.");
        }
    }

    /// <summary>Imports one edition in its own context and transaction, and tells subscribers and caches when rows changed.</summary>
    public static async Task<ImportSummary> ImportAsync(this IServiceProvider services, Content.Model.EventContent content, CancellationToken cancellationToken = default)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext();
        var summary = await new ProgrammeImporter(db, services.GetRequiredService<MarkdownRenderer>()).ImportAsync(content, cancellationToken);
        if (summary.RowsChanged > 0)
        {
            services.GetRequiredService<ContentChangeNotifier>().Publish([new EditionChange(summary.EventSlug, [], Public: true, WholeProgramme: true)]);
        }

        return summary;
    }

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
    public static string Summit2021()
    {
        using var stream = typeof(BundledContent).Assembly.GetManifestResourceStream("Summit.Graph.Seed.kubevirt-summit-2021.md")
            ?? throw new InvalidOperationException("The bundled summit page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
