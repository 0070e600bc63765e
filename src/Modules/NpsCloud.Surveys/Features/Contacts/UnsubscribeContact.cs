using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>Stops all mail to a contact, for every survey. Never undone by an upsert or import.</summary>
internal static class UnsubscribeContact
{
    public sealed record Command(Guid Id) : IRequest<ContactView>;

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, ContactView>
    {
        public async Task<ContactView> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            await Unsubscribe.ApplyAsync(db, contact, UnsubscribeSources.Api, clock.GetUtcNow(), cancellationToken);
            return ContactView.From(contact);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/unsubscribe", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new UnsubscribeContact.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Stop all survey mail to this contact")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
