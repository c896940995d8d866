using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class SessionPresenterConfiguration : IEntityTypeConfiguration<SessionPresenter>
{
    public void Configure(EntityTypeBuilder<SessionPresenter> builder)
    {
        builder.HasKey(sp => new { sp.SessionId, sp.PresenterId });
        builder.HasIndex(sp => sp.PresenterId);
        builder.Property(sp => sp.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(sp => sp.Credit).HasMaxLength(1000);
        builder.HasOne(sp => sp.Session).WithMany(s => s.Presenters).HasForeignKey(sp => sp.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(sp => sp.Presenter).WithMany(p => p.Sessions).HasForeignKey(sp => sp.PresenterId).OnDelete(DeleteBehavior.Cascade);
    }
}
