using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// The person changed their answer: the case shows the new score (an update older than one already seen
/// is ignored). A score that became a promoter's flags the case (<c>nowPromoter</c>) and leaves it open:
/// someone should still confirm and close it. An answer that turned unhappy opens a case if it had none.
/// A comment that arrives after the score makes an "ask for feedback" case one to close the loop on (the
/// feedback it asked for is there to act on), and sends the alert that waited for it, or, when the alert
/// already went without it, the alert's one update.
/// </summary>
internal sealed class FollowResponseChangeHandler(FollowUpsDbContext db, CaseOpener opener, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        // Locked, so the alerts job, which claims the same waiting alert, and this never both send it.
        var followUp = await Db.Cases.FromSql($"select * from followups.cases where response_id = {updated.ResponseId} for update")
            .FirstOrDefaultAsync(cancellationToken);
        if (followUp is null)
        {
            await opener.OpenIfNeededAsync(updated.TenantId, updated.ResponseId, updated.SurveyId, updated.ContactId, updated.DepartmentId,
                updated.Channel, updated.Score, updated.HasComment, updated.Revision, updated.OccurredAt, cancellationToken);
            return;
        }

        if (updated.Revision <= followUp.ScoreRevision) return;
        var previous = followUp.Score;
        followUp.ScoreRevision = updated.Revision;
        followUp.UpdatedAt = updated.OccurredAt;
        if (updated.Score != previous)
        {
            followUp.Score = updated.Score;
            Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.ScoreChanged, CaseActor.System, updated.OccurredAt, score: updated.Score, previousScore: previous));
        }

        if (!updated.CommentChanged || !updated.HasComment || followUp.IsFinished) return;
        if (followUp.Kind == CaseKinds.AskForFeedback) followUp.Kind = CaseKinds.CloseTheLoop;
        Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Commented, CaseActor.System, updated.OccurredAt));
        if (followUp.AlertNow(withComment: true, updated.OccurredAt) is { } alert) Db.Publish(alert);
    }
}
