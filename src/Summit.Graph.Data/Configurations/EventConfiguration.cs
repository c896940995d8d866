using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

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
        // Plain text no query filters on; a record of strings compares by value, so unchanged wording is no update.
        builder.Property(e => e.Wording).HasConversion(
            wording => JsonSerializer.Serialize(wording, JsonOptions),
            json => JsonSerializer.Deserialize<PageWording>(json, JsonOptions) ?? new PageWording());
        builder.HasMany(e => e.Days).WithOne(d => d.Event).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sessions).WithOne(s => s.Event).HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sponsors).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Links).WithOne(l => l.Event).HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
