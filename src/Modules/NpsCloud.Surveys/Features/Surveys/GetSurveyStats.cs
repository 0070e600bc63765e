using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>
/// How a survey's sending went. <c>invited</c> counts invitations meant to go out: not those stopped by
/// the throttle window, an unsubscribe or bounce, or a cancellation. <c>queued</c> counts those scheduled
/// and not sent yet (a wave going out, a request's delay, a hold). Test sends are never counted.
/// </summary>
internal static class GetSurveyStats
{
    public sealed record Query(Guid SurveyId) : IRequest<Stats>;

    public sealed record Stats(int Invited, int Queued, int Sent, int Failed, int Bounced, int Unsubscribed, int Throttled, int Responded, double? ResponseRate);

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Stats>
    {
        public async Task<Stats> Handle(Query query, CancellationToken cancellationToken)
        {
            await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var invitations = db.Invitations.Where(i => i.SurveyId == query.SurveyId);
            var byStatus = await invitations.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            int Count(string status) => byStatus.GetValueOrDefault(status);
            var responded = await invitations.CountAsync(i => i.RespondedAt != null, cancellationToken);
            var unsubscribed = await db.Contacts.CountAsync(c => c.UnsubscribedAt != null && invitations.Any(i => i.ContactId == c.Id), cancellationToken);
            var sent = Count(InvitationStatuses.Sent);
            var invited = byStatus.Where(s => s.Key is not (InvitationStatuses.Throttled or InvitationStatuses.Cancelled or InvitationStatuses.Suppressed)).Sum(s => s.Value);
            return new Stats(invited, Count(InvitationStatuses.Scheduled), sent, Count(InvitationStatuses.Failed), Count(InvitationStatuses.Bounced), unsubscribed,
                Count(InvitationStatuses.Throttled), responded, sent == 0 ? null : Math.Round(100.0 * responded / sent, 1));
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/stats", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetSurveyStats.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Invited, queued, sent, failed, bounced, unsubscribed, throttled, responded and the response rate");
    }
}
