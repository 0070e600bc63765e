using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>The company moved to another time zone: its answers fall on other local days, so every rollup is recomputed.</summary>
internal sealed class RecountAfterTimeZoneChangeHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<TenantTimeZoneChanged, ScoringDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(TenantTimeZoneChanged changed, CancellationToken cancellationToken) =>
        rollups.RebuildAsync(cancellationToken);
}
