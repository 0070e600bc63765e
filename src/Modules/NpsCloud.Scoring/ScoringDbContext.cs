using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Scoring;

/// <summary>The Scoring module's tables, all in the <c>scoring</c> schema.</summary>
internal sealed class ScoringDbContext(DbContextOptions<ScoringDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "scoring";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
