using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.HasIndex(r => new { r.EntityType, r.EntityId, r.Id });
        builder.Property(r => r.EntityType).HasMaxLength(32);
        builder.Property(r => r.Author).HasMaxLength(100);
        builder.Property(r => r.ChangedFields).HasMaxLength(1000);
        builder.Property(r => r.Operation).HasConversion<string>().HasMaxLength(16);
    }
}
