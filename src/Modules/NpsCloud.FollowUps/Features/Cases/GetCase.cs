using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary><c>GET /follow-ups/{id}</c>: the case with the answer, the person and the full history.</summary>
internal static class GetCase
{
    public sealed record Query(Guid Id) : IRequest<CaseDetail>;

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, CaseDetail>
    {
        public async Task<CaseDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, query.Id, cancellationToken);
            var history = await db.Events.AsNoTracking().Where(e => e.CaseId == followUp.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var response = await mediator.Send(new FindResponse(followUp.ResponseId), cancellationToken);
            CaseDetail.Person? person = null;
            if (followUp.ContactId is { } contactId
                && (await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken)).TryGetValue(contactId, out var contact)
                && contact.Email is not null)
            {
                person = new CaseDetail.Person(contact.Id, contact.Email, contact.Name);
            }

            var view = (await CaseView.ManyAsync(mediator, [followUp], clock.GetUtcNow(), cancellationToken))[0];
            return new CaseDetail(view, response, person, history.Select(CaseDetail.HistoryEntry.From).ToList());
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetCase.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One case, with the response, the contact and the full history")
            .Produces<CaseDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
