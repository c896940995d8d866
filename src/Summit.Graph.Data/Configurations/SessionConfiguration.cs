using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        // Slugs are unique among live sessions; a deleted session keeps its slug for a restore.
        builder.HasIndex(s => new { s.EventId, s.Slug }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(s => s.Title);
        // The scheduler's polls: sessions with a due publication time.
        builder.HasIndex(s => s.PublishAt);
        builder.HasIndex(s => s.UnpublishAt);
        builder.Property(s => s.Slug).HasMaxLength(SlugRules.MaxLength);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.ProgrammeTitle).HasMaxLength(200);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.ComplexProperty(s => s.Abstract, RichTextRules.Configure);
        builder.HasMany(s => s.Links).WithOne(l => l.Session).HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
