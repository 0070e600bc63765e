using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Reviews;

namespace NpsCloud.Goals.ForOtherModules;

/// <summary>Reviews are set in the company's wall-clock time: when its time zone changes, the triggers follow.</summary>
internal sealed class FollowTimeZoneHandler(GoalsDbContext db, ReviewTriggers triggers, TimeProvider clock)
    : IdempotentEventHandler<TenantTimeZoneChanged, GoalsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(TenantTimeZoneChanged changed, CancellationToken cancellationToken)
    {
        foreach (var goal in await Db.Goals.AsNoTracking().Where(g => g.ArchivedAt == null).ToListAsync(cancellationToken))
        {
            await triggers.ApplyAsync(goal, cancellationToken);
        }
    }
}
