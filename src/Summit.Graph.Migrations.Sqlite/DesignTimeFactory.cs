using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Summit.Graph.Data;

namespace Summit.Graph.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for SQLite without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SummitDbContext>
{
    public SummitDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SummitDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
