using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

internal static class ListMembers
{
    public sealed record Query(Guid SurveyId, int? Limit, string? Cursor) : IRequest<Page<Member>>;

    /// <param name="NextSendAt">The wave that will next invite this member, if nothing stops it (their throttle window counted).</param>
    /// <param name="Status"><c>eligible</c>, <c>unsubscribed</c> or <c>bounced</c>.</param>
    public sealed record Member(Guid ContactId, string? Email, string? Name, DateTimeOffset AddedAt, string Status, DateTimeOffset? LastSurveyedAt, DateTimeOffset? NextSendAt);

    public sealed class Handler(SurveysDbContext db, IWaveTriggers triggers, IMediator mediator, ITenantContext tenant) : IRequestHandler<Query, Page<Member>>
    {
        public async Task<Page<Member>> Handle(Query query, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var rows = await (
                    from member in db.Members
                    join contact in db.Contacts on member.ContactId equals contact.Id
                    where member.SurveyId == survey.Id && contact.ErasedAt == null && (after == null || contact.Id > after)
                    orderby contact.Id
                    select contact)
                .Take(limit + 1)
                .ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, c => c.Id);
            var added = await db.Members.Where(m => m.SurveyId == survey.Id).ToDictionaryAsync(m => m.ContactId, m => m.AddedAt, cancellationToken);
            var throttleDays = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ThrottleDays;
            var members = new List<Member>();
            foreach (var contact in page.Items)
            {
                var status = contact.Suppression ?? "eligible";
                DateTimeOffset? next = null;
                if (status == "eligible" && survey.Status == SurveyStatuses.Active)
                {
                    var eligibleFrom = contact.LastSurveyedAt?.AddDays(throttleDays) ?? DateTimeOffset.MinValue;
                    next = await triggers.WaveAtOrAfterAsync(survey.TenantId, survey.Id, eligibleFrom, cancellationToken);
                }

                members.Add(new Member(contact.Id, contact.Email, contact.Name, added[contact.Id], status, contact.LastSurveyedAt, next));
            }

            return new Page<Member>(members, page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/members", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListMembers.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("A relationship survey's members with their next scheduled send");
    }
}
