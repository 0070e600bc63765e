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
/// </summary>
internal sealed class FollowResponseChangeHandler(FollowUpsDbContext db, CaseOpener opener, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        var followUp = await Db.Cases.FirstOrDefaultAsync(c => c.ResponseId == updated.ResponseId, cancellationToken);
        if (followUp is null)
        {
            await opener.OpenIfNeededAsync(updated.TenantId, updated.ResponseId, updated.SurveyId, updated.ContactId, updated.DepartmentId,
                updated.Score, updated.HasComment, updated.Revision, updated.OccurredAt, cancellationToken);
            return;
        }

        if (updated.Revision <= followUp.ScoreRevision) return;
        var previous = followUp.Score;
        followUp.Score = updated.Score;
        followUp.ScoreRevision = updated.Revision;
        followUp.UpdatedAt = updated.OccurredAt;
        Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.ScoreChanged, CaseActor.System, updated.OccurredAt, score: updated.Score, previousScore: previous));
    }
}
