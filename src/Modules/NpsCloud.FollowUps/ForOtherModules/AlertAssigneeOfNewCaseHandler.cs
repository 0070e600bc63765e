using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// A new case alerts its assignee once its alert is due (the comment arrived or the grace period passed),
/// and once more when a comment arrives after an alert that went without it; a reassigned case alerts
/// the new one (AlertNewAssigneeHandler). Sent after the case is committed (through the outbox), so a
/// mail server that is down delays the alert but never the case; and sent outside any transaction,
/// recorded as sent only once the mail server took it, so a slow mail server holds no connection open
/// and a crash right after sending repeats the alert rather than loses it. What it says is read when it
/// is sent: the case's score, kind and assignee then, and the comment.
/// </summary>
internal sealed class AlertAssigneeOfNewCaseHandler(FollowUpsDbContext db, CaseEmails emails, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpAlertDue, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpAlertDue due, CancellationToken cancellationToken)
    {
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == due.CaseId, cancellationToken);
        if (followUp is { AssigneeUserId: { } assignee }) await emails.SendAlertAsync(followUp, assignee, cancellationToken, due.IsUpdate);
    }
}
