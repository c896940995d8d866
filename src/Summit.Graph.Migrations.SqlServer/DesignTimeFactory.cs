using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Summit.Graph.Data;

namespace Summit.Graph.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the model for SQL Server without a server or the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SummitDbContext>
{
    public SummitDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SummitDbContext>()
            .UseSqlServer("Server=localhost;Database=summit;Trusted_Connection=True;TrustServerCertificate=True",
                o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
