using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Delivery;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features;

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
}

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
}

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
}

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
}

internal static class DeliveryRules
{
    public static async Task<WebhookDelivery> FindAsync(WebhooksDbContext db, Guid webhookId, Guid deliveryId, CancellationToken cancellationToken) =>
        await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == webhookId, cancellationToken)
        ?? throw new NotFoundException("The delivery");

    /// <summary>A delivery due now.</summary>
    public static WebhookDelivery Queue(WebhookEndpoint endpoint, Guid eventId, string eventType, string messageId, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EndpointId = endpoint.Id,
        MessageId = messageId,
        EventId = eventId,
        EventType = eventType,
        Payload = payload,
        Status = DeliveryStatuses.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
