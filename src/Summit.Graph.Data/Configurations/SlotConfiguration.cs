using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> builder)
    {
        builder.HasIndex(s => new { s.DayId, s.StartsAt });
        // Session lists ordered by start time across days and editions read this in order and stop after a page,
        // instead of sorting every match.
        builder.HasIndex(s => s.StartsAt);
        builder.Property(s => s.Track).HasMaxLength(100);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.ToTable(t => t.HasCheckConstraint("CK_Slots_EndsAfterStart", "\"EndsAt\" > \"StartsAt\""));
        // Unscheduling, not deleting: removing a slot leaves its sessions in the programme without a time.
        builder.HasMany(s => s.Sessions).WithOne(s => s.Slot).HasForeignKey(s => s.SlotId).OnDelete(DeleteBehavior.SetNull);
    }
}
