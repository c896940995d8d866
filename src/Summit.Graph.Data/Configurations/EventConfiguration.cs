using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.Slug).HasMaxLength(SlugRules.MaxLength);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.WhatsNextMarkdown).HasMaxLength(RichTextRules.MaxMarkdownLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.ComplexProperty(e => e.Description, RichTextRules.Configure);
        builder.OwnsMany(e => e.LocalHours, local => local.ToJson());
        builder.HasMany(e => e.Days).WithOne(d => d.Event).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sessions).WithOne(s => s.Event).HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sponsors).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Links).WithOne(l => l.Event).HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
