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

    public static void Configure(DbContextOptionsBuilder options, string provider, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Database:Provider is {provider} but no connection string is set: set Database:ConnectionString or ConnectionStrings:Summit.");
        }

        switch (provider)
        {
            case Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.Sqlite"));
                break;
            case SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.SqlServer"));
                break;
            case PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Summit.Graph.Migrations.PostgreSql"));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use {Sqlite}, {SqlServer} or {PostgreSql}.");
        }
    }
}
