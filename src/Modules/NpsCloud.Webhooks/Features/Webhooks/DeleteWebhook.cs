using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary><c>DELETE /webhooks/{id}</c>: the endpoint and its delivery log go; nothing more is sent to it. Allowed after the trial too.</summary>
internal static class DeleteWebhook
{
    public sealed record Command(Guid Id) : IRequest, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            db.Endpoints.Remove(await WebhookRules.FindAsync(db, command.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteWebhook.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Delete an endpoint and its delivery log; nothing more is sent to it")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
