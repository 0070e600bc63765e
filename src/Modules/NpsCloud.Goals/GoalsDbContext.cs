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

    protected override string Schema => "goals";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Goal>(goal =>
        {
            goal.ToTable("goals");
            goal.HasKey(g => new { g.TenantId, g.Id });
        });
        modelBuilder.Entity<GoalReview>(review =>
        {
            review.ToTable("reviews");
            review.HasKey(r => new { r.TenantId, r.Id });
        });
        modelBuilder.Entity<ReviewSettings>(settings =>
        {
            settings.ToTable("review_settings");
            settings.HasKey(s => s.TenantId);
        });
    }
}
