using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Goals;

/// <summary>The Goals module's tables, all in the <c>goals</c> schema.</summary>
internal sealed class GoalsDbContext(DbContextOptions<GoalsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "goals";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
