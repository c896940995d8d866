using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Url).HasMaxLength(2000);
        builder.Property(l => l.Label).HasMaxLength(200);
        builder.Property(l => l.Markdown).HasMaxLength(2000);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => l.SessionId);
        builder.HasIndex(l => l.EventId);
        builder.ToTable(t => t.HasCheckConstraint("CK_Links_OneOwner",
            "(\"SessionId\" IS NULL AND \"EventId\" IS NOT NULL) OR (\"SessionId\" IS NOT NULL AND \"EventId\" IS NULL)"));
    }
}
