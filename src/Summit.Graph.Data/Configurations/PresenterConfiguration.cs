using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class PresenterConfiguration : IEntityTypeConfiguration<Presenter>
{
    public void Configure(EntityTypeBuilder<Presenter> builder)
    {
        builder.HasIndex(p => p.Slug).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(p => p.Name);
        builder.Property(p => p.Slug).HasMaxLength(SlugRules.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.JobTitle).HasMaxLength(200);
        builder.Property(p => p.Company).HasMaxLength(200);
        builder.Property(p => p.Twitter).HasMaxLength(100);
        builder.Property(p => p.GitHub).HasMaxLength(100);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
