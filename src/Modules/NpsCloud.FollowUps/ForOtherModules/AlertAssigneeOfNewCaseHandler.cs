using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// A new case alerts its assignee at once; a reassigned case alerts the new one. Sent after the case is
/// committed (through the outbox), so a mail server that is down delays the alert but never the case;
/// and sent outside any transaction, recorded as sent only once the mail server took it, so a slow mail
/// server holds no connection open and a crash right after sending repeats the alert rather than loses it.
/// </summary>
internal sealed class AlertAssigneeOfNewCaseHandler(FollowUpsDbContext db, CaseEmails emails, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpCreated, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpCreated created, CancellationToken cancellationToken)
    {
        if (created.AssigneeUserId is not { } assignee) return;
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == created.CaseId, cancellationToken);
        if (followUp is not null) await emails.SendAlertAsync(followUp, assignee, cancellationToken);
    }
}
