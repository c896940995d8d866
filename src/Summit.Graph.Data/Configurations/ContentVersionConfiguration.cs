using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new ContentVersion { Id = ContentVersion.SingleId });
    }
}
