using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>
/// <c>GET /follow-ups/{id}</c>: the case with the answer, the person, the full history, and the person's
/// earlier answers and cases that the caller may see.
/// </summary>
internal static class GetCase
{
    public sealed record Query(Guid Id) : IRequest<CaseDetail>;

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, CaseDetail>
    {
        public async Task<CaseDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, query.Id, cancellationToken);
            var history = await db.Events.AsNoTracking().Where(e => e.CaseId == followUp.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var eventIds = history.Select(e => e.Id).ToList();
            var details = await db.EventDetails.AsNoTracking().Where(d => eventIds.Contains(d.EventId)).ToDictionaryAsync(d => d.EventId, cancellationToken);
            var answers = await mediator.Send(new FindAnswersOfCases([followUp.ResponseId]), cancellationToken);
            var response = answers.GetValueOrDefault(followUp.ResponseId);
            CaseDetail.Person? person = null;
            if (followUp.ContactId is { } contactId
                && (await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken)).TryGetValue(contactId, out var contact)
                && contact.Email is not null)
            {
                person = new CaseDetail.Person(contact.Id, contact.Email, contact.Name);
            }

            IReadOnlyList<ResponseSummary> earlierAnswers = [];
            List<FollowUpCase> earlierCases = [];
            if (followUp.ContactId is { } personId)
            {
                var before = response?.RespondedAt ?? followUp.OpenedAt;
                earlierAnswers = (await mediator.Send(new ListAnswersOfContact(personId, before, CaseDetail.MaxEarlier), cancellationToken))
                    .Where(a => a.Id != followUp.ResponseId).ToList();
                earlierCases = await db.Cases.AsNoTracking().Visible(tenant)
                    .Where(c => c.ContactId == personId && c.Id != followUp.Id && c.OpenedAt < followUp.OpenedAt)
                    .OrderByDescending(c => c.Id).Take(CaseDetail.MaxEarlier).ToListAsync(cancellationToken);
            }

            var now = clock.GetUtcNow();
            var views = await CaseView.ManyAsync(mediator, [followUp, .. earlierCases], now, cancellationToken);
            return new CaseDetail(views[0], response, person, history.Select(e => CaseDetail.HistoryEntry.From(e, details.GetValueOrDefault(e.Id))).ToList(),
                earlierAnswers, views.Skip(1).ToList());
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetCase.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One case, with the response, the contact, the full history and the person's earlier answers and cases (of the departments the caller may see)")
            .Produces<CaseDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
