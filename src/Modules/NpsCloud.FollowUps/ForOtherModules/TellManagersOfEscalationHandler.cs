using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Escalation;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>An escalated case tells every owner and admin, once per case (the job escalates a case once; the inbox dedupes redeliveries).</summary>
internal sealed class TellManagersOfEscalationHandler(FollowUpsDbContext db, CaseEmails emails, TimeProvider clock)
    : IdempotentEffectHandler<FollowUpStatusChanged, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(FollowUpStatusChanged changed, CancellationToken cancellationToken)
    {
        if (changed.Status != FollowUpStatuses.Escalated) return;
        var followUp = await Db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changed.CaseId, cancellationToken);
        if (followUp is not null) await emails.SendEscalationAsync(followUp, cancellationToken);
    }
}
