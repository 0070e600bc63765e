using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary><c>GET /webhooks/{id}/deliveries/{deliveryId}</c>: the body it sends and every attempt.</summary>
internal static class GetDelivery
{
    public sealed record Query(Guid WebhookId, Guid DeliveryId) : IRequest<DeliveryDetail>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, DeliveryDetail>
    {
        public async Task<DeliveryDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var delivery = await DeliveryRules.FindAsync(db, query.WebhookId, query.DeliveryId, cancellationToken);
            var attempts = await db.Attempts.AsNoTracking().Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
            return new DeliveryDetail(DeliveryView.From(delivery), JsonDocument.Parse(delivery.Payload).RootElement.Clone(),
                attempts.Select(DeliveryDetail.Attempt.From).ToList());
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", (Guid id, Guid deliveryId, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetDelivery.Query(id, deliveryId), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One delivery with its body and every attempt (status code, duration, error, the start of the answer)")
            .Produces<DeliveryDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
