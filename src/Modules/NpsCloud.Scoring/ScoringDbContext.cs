using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring;

/// <summary>The Scoring module's tables, all in the <c>scoring</c> schema (migrations 0007, 0008 and 0019).</summary>
internal sealed class ScoringDbContext(DbContextOptions<ScoringDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<DailyScore> DailyScores => Set<DailyScore>();
    public DbSet<MonthlyScore> MonthlyScores => Set<MonthlyScore>();
    public DbSet<EventCountedByRebuild> EventsCountedByRebuild => Set<EventCountedByRebuild>();

    protected override string Schema => "scoring";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DailyScore>(score =>
        {
            score.ToTable("daily_scores");
            score.HasKey(s => new { s.TenantId, s.Id });
        });
        modelBuilder.Entity<MonthlyScore>(score =>
        {
            score.ToTable("monthly_scores");
            score.HasKey(s => new { s.TenantId, s.Id });
        });
        modelBuilder.Entity<EventCountedByRebuild>(counted =>
        {
            counted.ToTable("events_counted_by_rebuild");
            counted.HasKey(c => new { c.TenantId, c.EventId });
        });
    }
}
