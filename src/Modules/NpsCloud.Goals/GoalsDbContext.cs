using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals;

/// <summary>The Goals module's tables, all in the <c>goals</c> schema (migration 0009).</summary>
internal sealed class GoalsDbContext(DbContextOptions<GoalsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<GoalReview> Reviews => Set<GoalReview>();
    public DbSet<ReviewSettings> ReviewSettings => Set<ReviewSettings>();
    public DbSet<ReviewRun> ReviewRuns => Set<ReviewRun>();

    protected override string Schema => "goals";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Goal>(goal =>
        {
            goal.ToTable("goals");
            goal.HasKey(g => new { g.TenantId, g.Id });
            goal.Property(g => g.TargetNps).HasPrecision(4, 1);
        });
        modelBuilder.Entity<GoalReview>(review =>
        {
            review.ToTable("reviews");
            review.HasKey(r => new { r.TenantId, r.Id });
            review.Property(r => r.TargetNps).HasPrecision(4, 1);
            review.Property(r => r.Nps).HasPrecision(4, 1);
            review.Property(r => r.CiLow).HasPrecision(4, 1);
            review.Property(r => r.CiHigh).HasPrecision(4, 1);
            review.Property(r => r.Change).HasPrecision(5, 1);
        });
        modelBuilder.Entity<ReviewRun>(run =>
        {
            run.ToTable("review_runs");
            run.HasKey(r => new { r.TenantId, r.Slot, r.Scope });
        });
        modelBuilder.Entity<ReviewSettings>(settings =>
        {
            settings.ToTable("review_settings");
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.TenantId).ValueGeneratedNever(); // stamped from the tenant context, never generated
        });
    }
}
