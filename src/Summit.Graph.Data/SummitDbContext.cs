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
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<Day> Days => Set<Day>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Presenter> Presenters => Set<Presenter>();
    public DbSet<SessionPresenter> SessionPresenters => Set<SessionPresenter>();
    public DbSet<Link> Links => Set<Link>();
    public DbSet<Sponsor> Sponsors => Set<Sponsor>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SummitDbContext).Assembly);

        // HotChocolate's string filters are case-sensitive (the *IgnoreCase operations are not); SQL Server's
        // default collations are not, so its columns get a case-sensitive one to mean the same everywhere.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
        {
            var columns = modelBuilder.Model.GetEntityTypes()
                .Where(t => !t.IsMappedToJson())
                .SelectMany(t => t.GetProperties().Concat(t.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())));
            foreach (var column in columns.Where(p => p.ClrType == typeof(string)))
            {
                column.SetCollation("Latin1_General_100_CS_AS_SC_UTF8");
            }
        }

        // Deleted rows are never read; drafts, and the people, links and slots only drafts show, only with IncludeDrafts
        // (a slot made for a draft would otherwise tell its time and track). Filters reach only down the chains
        // Presenter -> SessionPresenter -> Session and Slot -> Session (a cycle would never end): deleting a
        // presenter deletes their SessionPresenter rows (kept in the revision) instead.
        modelBuilder.Entity<Session>().HasQueryFilter(s => s.DeletedAt == null && (IncludeDrafts || s.Status == PublicationStatus.Published));
        modelBuilder.Entity<SessionPresenter>().HasQueryFilter(sp => sp.Session!.DeletedAt == null
            && (IncludeDrafts || sp.Session.Status == PublicationStatus.Published));
        modelBuilder.Entity<Presenter>().HasQueryFilter(p => p.DeletedAt == null
            && (IncludeDrafts || p.Sessions.Any(sp => sp.Session!.DeletedAt == null && sp.Session.Status == PublicationStatus.Published)));
        modelBuilder.Entity<Slot>().HasQueryFilter(s => IncludeDrafts || s.Sessions.Any(x => x.DeletedAt == null && x.Status == PublicationStatus.Published));
        modelBuilder.Entity<Link>().HasQueryFilter(l => l.SessionId == null
            || (l.Session!.DeletedAt == null && (IncludeDrafts || l.Session.Status == PublicationStatus.Published)));
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
