using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class DayConfiguration : IEntityTypeConfiguration<Day>
{
    public void Configure(EntityTypeBuilder<Day> builder)
    {
        builder.HasIndex(d => new { d.EventId, d.Date }).IsUnique();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasMany(d => d.Slots).WithOne(s => s.Day).HasForeignKey(s => s.DayId).OnDelete(DeleteBehavior.Cascade);
    }
}
