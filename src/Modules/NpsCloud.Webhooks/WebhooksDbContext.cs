using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks;

/// <summary>The Webhooks module's tables, all in the <c>webhooks</c> schema (migrations 0012 and 0031).</summary>
internal sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();
    public DbSet<ChatChannel> ChatChannels => Set<ChatChannel>();
    public DbSet<ChatPost> ChatPosts => Set<ChatPost>();

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
        modelBuilder.Entity<ChatChannel>(channel =>
        {
            channel.ToTable("chat_channels");
            channel.HasKey(c => new { c.TenantId, c.Id });
            channel.HasIndex(c => new { c.TenantId, c.DepartmentId });
        });
        modelBuilder.Entity<ChatPost>(post =>
        {
            post.ToTable("chat_posts");
            post.HasKey(p => new { p.TenantId, p.Id });
            post.HasIndex(p => new { p.TenantId, p.ChannelId, p.EventId }).IsUnique();
            post.HasOne<ChatChannel>().WithMany().HasForeignKey(p => new { p.TenantId, p.ChannelId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
