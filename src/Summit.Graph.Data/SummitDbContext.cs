using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data;

/// <summary>
/// The one DbContext of every provider. Provider-specific SQL lives in the migrations projects;
/// everything here is portable.
/// </summary>
public sealed class SummitDbContext(DbContextOptions<SummitDbContext> options) : DbContext(options)
{
    /// <summary>
    /// Whether draft sessions (and what hangs off them) are visible. Set on every context handed out
    /// (see <see cref="SummitDbContextFactoryExtensions"/>) because pooled contexts keep field values.
    /// </summary>
    public bool IncludeDrafts { get; set; }

    public DbSet<Event> Events => Set<Event>();
    public DbSet<Day> Days => Set<Day>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Presenter> Presenters => Set<Presenter>();
    public DbSet<SessionPresenter> SessionPresenters => Set<SessionPresenter>();
    public DbSet<Link> Links => Set<Link>();
    public DbSet<Sponsor> Sponsors => Set<Sponsor>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SummitDbContext).Assembly);

        modelBuilder.Entity<Session>().HasQueryFilter(s => IncludeDrafts || s.Status == PublicationStatus.Published);
        modelBuilder.Entity<SessionPresenter>().HasQueryFilter(sp => IncludeDrafts || sp.Session!.Status == PublicationStatus.Published);
        modelBuilder.Entity<Link>().HasQueryFilter(l => IncludeDrafts || l.SessionId == null || l.Session!.Status == PublicationStatus.Published);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every stored time is UTC. SQLite hands DateTime back with Kind=Unspecified; stamping the kind on
        // read keeps "Z" on the wire on every provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampVersions()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.Version = 1;
                    entry.Entity.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                    entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
                    entry.Entity.UpdatedAt = now;
                    break;
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}
