using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary><c>GET /webhooks/{id}/deliveries</c>: the endpoint's deliveries, newest first, cursor pagination.</summary>
internal static class ListDeliveries
{
    public sealed record Query(Guid WebhookId, int? Limit, string? Cursor) : IRequest<Page<DeliveryView>>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, Page<DeliveryView>>
    {
        public async Task<Page<DeliveryView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await WebhookRules.FindAsync(db, query.WebhookId, cancellationToken);
            return (await db.Deliveries.AsNoTracking().Where(d => d.EndpointId == query.WebhookId)
                .PageAsync(d => d.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(DeliveryView.From);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListDeliveries.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The endpoint's deliveries, newest first: event type, webhook-id, status, attempts; cursor pagination")
            .Produces<Page<DeliveryView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
