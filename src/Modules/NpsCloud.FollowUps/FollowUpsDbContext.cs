using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps;

/// <summary>The FollowUps module's tables, all in the <c>followups</c> schema (migrations 0011, 0030 and 0034).</summary>
internal sealed class FollowUpsDbContext(DbContextOptions<FollowUpsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<FollowUpCase> Cases => Set<FollowUpCase>();
    public DbSet<CaseEvent> Events => Set<CaseEvent>();
    public DbSet<CaseEventDetail> EventDetails => Set<CaseEventDetail>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();

    protected override string Schema => "followups";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FollowUpCase>(followUp =>
        {
            followUp.ToTable("cases");
            followUp.HasKey(c => new { c.TenantId, c.Id });
            followUp.HasIndex(c => new { c.TenantId, c.ResponseId }).IsUnique();
            followUp.HasIndex(c => new { c.TenantId, c.AlertDueAt }).HasDatabaseName("cases_alert_due").HasFilter("alerted_at is null");
            followUp.HasIndex(c => new { c.TenantId, c.ResurveyInvitationId }).HasDatabaseName("cases_resurvey_invitation").HasFilter("resurvey_invitation_id is not null");
            followUp.Property(c => c.ScoreRevision).HasDefaultValue(1);
            // A person's change and the escalation job never overwrite each other: the update checks the status it read.
            followUp.Property(c => c.Status).IsConcurrencyToken();
        });
        modelBuilder.Entity<CaseEvent>(history =>
        {
            history.ToTable("case_events");
            history.HasKey(e => new { e.TenantId, e.Id });
            history.HasOne<FollowUpCase>().WithMany().HasForeignKey(e => new { e.TenantId, e.CaseId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CaseEventDetail>(detail =>
        {
            detail.ToTable("case_event_details");
            detail.HasKey(d => new { d.TenantId, d.EventId });
            detail.HasOne<CaseEvent>().WithMany().HasForeignKey(d => new { d.TenantId, d.EventId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PushSubscription>(device =>
        {
            device.ToTable("push_subscriptions");
            device.HasKey(d => new { d.TenantId, d.Id });
            device.HasIndex(d => new { d.TenantId, d.Endpoint }).IsUnique().HasDatabaseName("push_subscriptions_endpoint");
            device.HasIndex(d => new { d.TenantId, d.UserId }).HasDatabaseName("push_subscriptions_user");
        });
    }
}
