using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>A reassigned case alerts its new assignee, outside any transaction (see AlertAssigneeOfNewCaseHandler).</summary>
internal sealed class AlertNewAssigneeHandler(FollowUpsDbContext db, CaseEmails emails, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpAssigned, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpAssigned assigned, CancellationToken cancellationToken)
    {
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == assigned.CaseId, cancellationToken);
        if (followUp is not null) await emails.SendAlertAsync(followUp, assigned.AssigneeUserId, cancellationToken);
    }
}
