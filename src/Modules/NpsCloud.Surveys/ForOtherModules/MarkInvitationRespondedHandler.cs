using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>An answer to an emailed invitation marks it responded: its reminder is not sent, and it counts in the response rate.</summary>
internal sealed class MarkInvitationRespondedHandler(SurveysDbContext db, TimeProvider clock)
    : BuildingBlocks.Outbox.IdempotentEventHandler<ResponseRecorded, SurveysDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        if (recorded.InvitationId is not { } invitationId) return;
        var invitation = await Db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is not null) invitation.RespondedAt ??= recorded.RespondedAt;
    }
}
