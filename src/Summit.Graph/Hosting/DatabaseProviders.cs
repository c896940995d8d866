using Microsoft.EntityFrameworkCore;

namespace Summit.Graph.Hosting;

/// <summary>
/// The three supported databases: one DbContext, one migrations assembly each. Picked by
/// <c>Database:Provider</c>; the connection string comes from <c>Database:ConnectionString</c> or
/// <c>ConnectionStrings:Summit</c>.
/// </summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
    public const string PostgreSql = "PostgreSql";

    /// <summary>
    /// Why the server cannot open a database with <paramref name="provider"/> and <paramref name="connectionString"/>
    /// (a provider it does not know, no connection string), or null. Checked at start (<see cref="DatabaseOptionsValidation"/>).
    /// </summary>
    public static string? Problem(string provider, string? connectionString) =>
        provider is not (Sqlite or SqlServer or PostgreSql)
            ? $"Database:Provider '{provider}' is not supported; use {Sqlite}, {SqlServer} or {PostgreSql}."
        : string.IsNullOrWhiteSpace(connectionString)
            ? $"Database:Provider is {provider} but no connection string is set: set Database:ConnectionString or ConnectionStrings:Summit."
        : null;

    public static void Configure(DbContextOptionsBuilder options, string provider, string? connectionString)
    {
        if (Problem(provider, connectionString) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        // Batch loaders and `in` filters send id lists of every length. EF Core 10 expands such a list into one
        // parameter per item by default, which makes the SQL depend on the length: it is generated again for
        // every execution (a fifth of the schedule's allocations). One array parameter keeps one cached SQL text.
        switch (provider)
        {
            case Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.Sqlite")
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            case SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.SqlServer")
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            case PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.PostgreSql")
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
        }
    }
}
