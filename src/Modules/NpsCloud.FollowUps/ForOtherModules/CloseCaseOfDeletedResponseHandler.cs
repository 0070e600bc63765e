using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Responses;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// An owner or admin deleted the answer: its unfinished case is closed by the system (timeline and
/// <c>follow_up.status_changed</c> as for any close), not removed, so the team's notes and what was done stay
/// on record. A resolved or closed case is left as it is.
/// </summary>
internal sealed class CloseCaseOfDeletedResponseHandler(FollowUpsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<ResponseDeleted, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseDeleted deleted, CancellationToken cancellationToken)
    {
        var followUp = await Db.Cases.FirstOrDefaultAsync(c => c.ResponseId == deleted.ResponseId, cancellationToken);
        if (followUp is null || followUp.IsFinished) return;
        var now = deleted.OccurredAt;
        var previous = followUp.ChangeStatus(CaseTransitions.Closed, null, now);
        Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Status, CaseActor.System, now, status: followUp.Status));
        Db.Publish(new FollowUpStatusChanged(Guid.CreateVersion7(now), deleted.TenantId, now, followUp.Id, followUp.ResponseId, followUp.DepartmentId,
            previous, followUp.Status, null, null));
    }
}
