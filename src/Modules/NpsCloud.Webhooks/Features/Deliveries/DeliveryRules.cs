using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>The finder and the queueing the delivery slices (and the event handlers) share.</summary>
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
