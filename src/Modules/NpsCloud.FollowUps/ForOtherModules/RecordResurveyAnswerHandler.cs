using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// An answer to the invitation a resolved case's re-survey sent is linked back to that case: the case
/// shows the new score, and a detractor who now gives 7 or more counts as won back (<c>recovered</c>).
/// The answer opens its own case when it is unhappy again, as any answer does.
/// </summary>
internal sealed class RecordResurveyAnswerHandler(FollowUpsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<ResponseRecorded, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        if (recorded.InvitationId is not { } invitation) return;
        var followUp = await Db.Cases.FirstOrDefaultAsync(c => c.ResurveyInvitationId == invitation, cancellationToken);
        if (followUp is null) return;
        followUp.ResurveyResponseId = recorded.ResponseId;
        followUp.ResurveyScore = recorded.Score;
        followUp.ResurveyAnsweredAt = recorded.RespondedAt;
        followUp.UpdatedAt = recorded.OccurredAt;
        Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.ResurveyAnswered, CaseActor.System, recorded.OccurredAt, score: recorded.Score, previousScore: followUp.OpeningScore));
    }
}
