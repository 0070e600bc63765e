using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// A new case's alert is due: its assignee's phones get a push beside the email (AlertAssigneeOfNewCaseHandler),
/// once per event, after the case is committed. The update that only says the comment arrived pushes nothing:
/// the payload never carries the comment.
/// </summary>
internal sealed class PushNewCaseToAssigneeHandler(FollowUpsDbContext db, CasePushes pushes, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpAlertDue, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpAlertDue due, CancellationToken cancellationToken)
    {
        if (due.IsUpdate) return;
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == due.CaseId, cancellationToken);
        if (followUp is { AssigneeUserId: { } assignee }) await pushes.SendAssignedAsync(followUp, assignee, cancellationToken);
    }
}
