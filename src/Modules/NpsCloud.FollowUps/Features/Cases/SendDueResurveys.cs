using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>
/// Resolved cases whose re-survey is due ask the Surveys module for a new invitation to the same survey.
/// Each case is claimed (committed) before the request, so a job that runs twice, or a crash after the
/// request, never surveys a person twice; a request that fails gives the claim back for the next run.
/// The invitation is kept on the case, so its answer is linked back (RecordResurveyAnswerHandler).
/// </summary>
internal static class SendDueResurveys
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(FollowUpsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var due = await db.Cases.AsNoTracking()
                .Where(c => c.Status == "resolved" && c.ResurveyedAt == null && c.ResurveyDueAt != null && c.ResurveyDueAt <= now)
                .ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var followUp in due)
            {
                var claimed = await db.Cases.Where(c => c.Id == followUp.Id && c.ResurveyedAt == null && c.Status == "resolved")
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.ResurveyedAt, now), cancellationToken);
                if (claimed == 0) continue;

                ResurveyOutcome outcome;
                try
                {
                    outcome = await mediator.Send(new RequestResurvey(followUp.SurveyId, followUp.ContactId!.Value, null), cancellationToken);
                }
                catch
                {
                    await db.Cases.Where(c => c.Id == followUp.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.ResurveyedAt, (DateTimeOffset?)null), CancellationToken.None);
                    throw;
                }

                if (outcome.InvitationId is { } sentInvitation)
                {
                    await db.Cases.Where(c => c.Id == followUp.Id)
                        .ExecuteUpdateAsync(set => set.SetProperty(c => c.ResurveyInvitationId, sentInvitation), cancellationToken);
                }

                db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Resurveyed, CaseActor.System, now,
                    text: outcome.InvitationId is { } invitation ? $"invitation {invitation}" : $"not sent: {outcome.Reason}"));
                await db.SaveChangesAsync(cancellationToken);
                if (outcome.InvitationId is not null) sent++;
            }

            return sent;
        }
    }
}
