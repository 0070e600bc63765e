using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks;

/// <summary>The Webhooks module's tables, all in the <c>webhooks</c> schema (migration 0012).</summary>
internal sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    protected override string Schema => "webhooks";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("endpoints");
            endpoint.HasKey(e => new { e.TenantId, e.Id });
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("deliveries");
            delivery.HasKey(d => new { d.TenantId, d.Id });
            delivery.HasIndex(d => new { d.TenantId, d.EndpointId, d.Id });
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => new { d.TenantId, d.EndpointId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliveryAttempt>(attempt =>
        {
            attempt.ToTable("delivery_attempts");
            attempt.HasKey(a => new { a.TenantId, a.Id });
            attempt.HasIndex(a => new { a.TenantId, a.DeliveryId, a.Number });
            attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => new { a.TenantId, a.DeliveryId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
