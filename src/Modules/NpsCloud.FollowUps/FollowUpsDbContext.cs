using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.FollowUps;

/// <summary>The FollowUps module's tables, all in the <c>followups</c> schema.</summary>
internal sealed class FollowUpsDbContext(DbContextOptions<FollowUpsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "followups";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
