using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>Who was sent the survey and has not answered (worth a phone call for valuable customers).</summary>
internal static class ListNonResponders
{
    public sealed record Query(Guid SurveyId, int? Limit, string? Cursor) : IRequest<Page<NonResponder>>;

    public sealed record NonResponder(Guid InvitationId, Guid ContactId, string? Email, string? Name, DateTimeOffset? SentAt, DateTimeOffset? ReminderSentAt);

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Page<NonResponder>>
    {
        public async Task<Page<NonResponder>> Handle(Query query, CancellationToken cancellationToken)
        {
            await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var rows = await (
                    from invitation in db.Invitations
                    join contact in db.Contacts on invitation.ContactId equals contact.Id
                    where invitation.SurveyId == query.SurveyId && invitation.Status == InvitationStatuses.Sent
                          && invitation.RespondedAt == null && contact.ErasedAt == null
                          && (after == null || invitation.Id.CompareTo(after.Value) > 0)
                    orderby invitation.Id
                    select new NonResponder(invitation.Id, contact.Id, contact.Email, contact.Name, invitation.SentAt, invitation.ReminderSentAt))
                .Take(limit + 1)
                .ToListAsync(cancellationToken);
            return Paging.Of(rows, limit, r => r.InvitationId);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/non-responders", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListNonResponders.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Who was sent the survey and has not answered (cursor pagination)");
    }
}
