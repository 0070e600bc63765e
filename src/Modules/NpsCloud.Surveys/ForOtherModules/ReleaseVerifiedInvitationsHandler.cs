using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>The company proved its address: the invitations held for it are due now, and the senders are woken.</summary>
internal sealed class ReleaseVerifiedInvitationsHandler(SurveysDbContext db, TimeProvider clock, SendingSignal signal)
    : IdempotentEventHandler<TenantEmailVerified, SurveysDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(TenantEmailVerified verified, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var released = await Db.Invitations
            .Where(i => i.Status == InvitationStatuses.Scheduled && i.Reason == SendingHolds.AwaitingVerification)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.NextAttemptAt, now).SetProperty(i => i.Reason, (string?)null), cancellationToken);
        if (released > 0) signal.Notify();
    }
}
