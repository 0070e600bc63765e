using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Contacts;

internal static class GetContact
{
    public sealed record Query(Guid Id) : IRequest<ContactView>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, ContactView>
    {
        public async Task<ContactView> Handle(Query query, CancellationToken cancellationToken) =>
            ContactView.From(await ContactRules.FindAsync(db, query.Id, cancellationToken));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetContact.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One contact; an erased contact is a 404")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
