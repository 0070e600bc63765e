using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>
/// <c>POST /webhooks/{id}/test</c>: a <c>webhook.test</c> event to this endpoint only, whatever it
/// subscribed to, signed and retried like any other, so a receiver can be checked before real events flow.
/// </summary>
internal static class SendTestEvent
{
    public sealed record Command(Guid WebhookId) : IRequest<DeliveryView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock) : IRequestHandler<Command, DeliveryView>
    {
        public async Task<DeliveryView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.WebhookId, cancellationToken);
            if (endpoint.DisabledAt is not null) throw new ConflictException("The webhook is disabled. Enable it first.");
            var now = clock.GetUtcNow();
            var payload = WebhookPayload<WebhookTestData>.Serialize(WebhookEventTypes.Test, now, new WebhookTestData(endpoint.Id));
            var delivery = DeliveryRules.Queue(endpoint, Guid.CreateVersion7(now), WebhookEventTypes.Test, WebhookDelivery.NewMessageId(), payload, now);
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            return DeliveryView.From(delivery);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/test", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var queued = await mediator.Send(new SendTestEvent.Command(id), cancellationToken);
                return Results.Accepted($"/api/v1/webhooks/{id}/deliveries/{queued.Id}", queued);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send a webhook.test event to this endpoint now, signed and retried like any event, to check the receiver")
            .Produces<DeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
