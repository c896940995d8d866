using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Secret).HasMaxLength(200);
        builder.Property(e => e.Events).HasMaxLength(1000);
        builder.HasMany<WebhookDelivery>().WithOne(d => d.Endpoint).HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        // The sender's two questions: what is due, and is an earlier event about the same object still pending.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.Subject, d.Status, d.Id });
        builder.Property(d => d.EventId).HasMaxLength(36);
        builder.Property(d => d.EventName).HasMaxLength(64);
        builder.Property(d => d.Subject).HasMaxLength(64);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
    }
}
