using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Summit.Graph.Data;

namespace Summit.Graph.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the model for PostgreSQL without a server or the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SummitDbContext>
{
    public SummitDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SummitDbContext>()
            .UseNpgsql("Host=localhost;Database=summit", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
