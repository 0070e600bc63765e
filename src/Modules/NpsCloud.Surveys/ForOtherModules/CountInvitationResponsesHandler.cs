using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>The response rate of the invitations sent in a window: bounced and failed ones were never sent.</summary>
internal sealed class CountInvitationResponsesHandler(SurveysDbContext db) : IRequestHandler<CountInvitationResponses, InvitationResponses>
{
    public async Task<InvitationResponses> Handle(CountInvitationResponses request, CancellationToken cancellationToken)
    {
        var sent = db.Invitations.AsNoTracking().Where(i => i.SentAt >= request.From && i.SentAt < request.Until);
        if (request.SurveyId is { } surveyId) sent = sent.Where(i => i.SurveyId == surveyId);
        var counts = await sent.GroupBy(_ => 1)
            .Select(g => new { Sent = g.Count(), Responded = g.Count(i => i.RespondedAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        return new InvitationResponses(counts?.Sent ?? 0, counts?.Responded ?? 0);
    }
}
