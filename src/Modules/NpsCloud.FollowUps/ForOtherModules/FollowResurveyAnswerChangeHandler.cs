using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>The person changed their answer to a re-survey: the case it is linked to keeps the latest score.</summary>
internal sealed class FollowResurveyAnswerChangeHandler(FollowUpsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        if (updated.InvitationId is not { } invitation) return;
        var followUp = await Db.Cases.FirstOrDefaultAsync(c => c.ResurveyInvitationId == invitation, cancellationToken);
        if (followUp is null || followUp.ResurveyScore == updated.Score) return;
        followUp.ResurveyScore = updated.Score;
        followUp.UpdatedAt = updated.OccurredAt;
    }
}
