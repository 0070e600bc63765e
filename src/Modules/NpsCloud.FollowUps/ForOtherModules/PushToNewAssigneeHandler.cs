using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>A reassigned case: the new assignee's phones get a push beside the email (AlertNewAssigneeHandler).</summary>
internal sealed class PushToNewAssigneeHandler(FollowUpsDbContext db, CasePushes pushes, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpAssigned, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpAssigned assigned, CancellationToken cancellationToken)
    {
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == assigned.CaseId, cancellationToken);
        if (followUp is not null) await pushes.SendAssignedAsync(followUp, assigned.AssigneeUserId, cancellationToken);
    }
}
