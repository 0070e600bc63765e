using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>
/// <c>POST /webhooks/{id}/deliveries/{deliveryId}/redeliver</c>: the same body with the same
/// <c>webhook-id</c>, queued again now as a new delivery with a schedule of its own.
/// </summary>
internal static class Redeliver
{
    public sealed record Command(Guid WebhookId, Guid DeliveryId) : IRequest<DeliveryView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock) : IRequestHandler<Command, DeliveryView>
    {
        public async Task<DeliveryView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.WebhookId, cancellationToken);
            var original = await DeliveryRules.FindAsync(db, command.WebhookId, command.DeliveryId, cancellationToken);
            if (endpoint.DisabledAt is not null) throw new ConflictException("The webhook is disabled. Enable it first.");
            var now = clock.GetUtcNow();
            var again = DeliveryRules.Queue(endpoint, original.EventId, original.EventType, original.MessageId, original.Payload, now);
            db.Deliveries.Add(again);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            return DeliveryView.From(again);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var queued = await mediator.Send(new Redeliver.Command(id, deliveryId), cancellationToken);
                return Results.Accepted($"/api/v1/webhooks/{id}/deliveries/{queued.Id}", queued);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send the same body with the same webhook-id again now, as a new delivery")
            .Produces<DeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
