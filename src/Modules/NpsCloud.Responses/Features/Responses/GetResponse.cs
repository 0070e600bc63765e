using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.Responses;

/// <summary><c>GET /responses/{id}</c>: one response with its notes.</summary>
internal static class GetResponse
{
    public sealed record Query(Guid Id) : IRequest<ResponseView>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator) : IRequestHandler<Query, ResponseView>
    {
        public async Task<ResponseView> Handle(Query query, CancellationToken cancellationToken)
        {
            var response = await ResponseRules.FindAsync(db, query.Id, cancellationToken);
            var notes = await db.Notes.AsNoTracking().Where(n => n.ResponseId == response.Id).OrderBy(n => n.CreatedAt)
                .Select(n => new ResponseView.Note(n.Id, n.Author, n.Text, n.CreatedAt)).ToListAsync(cancellationToken);
            var contacts = response.ContactId is { } contactId ? await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken) : new Dictionary<Guid, ContactInfo>();
            return ResponseView.From(response, contacts, notes);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One response, with its tags and notes")
            .Produces<ResponseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
