using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>
/// Turns an integration event into one delivery per enabled endpoint of its tenant that subscribed to its
/// type, each with a <c>webhook-id</c> of its own. The inbox row is written in the same transaction, so an
/// event delivered twice by the outbox queues nothing the second time.
/// </summary>
internal abstract class QueueDeliveries<TEvent, TData>(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : IdempotentEventHandler<TEvent, WebhooksDbContext>(db, clock)
    where TEvent : IIntegrationEvent
{
    protected abstract string Type { get; }

    /// <summary>The payload's <c>data</c>: ids and the few fields a receiver needs to act.</summary>
    protected abstract TData Data(TEvent integrationEvent);

    protected override async Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var endpoints = await Db.Endpoints.AsNoTracking()
            .Where(e => e.DisabledAt == null && e.EventTypes.Contains(Type))
            .ToListAsync(cancellationToken);
        if (endpoints.Count == 0) return;

        var payload = WebhookPayload<TData>.Serialize(Type, integrationEvent.OccurredAt, Data(integrationEvent));
        var now = Clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            Db.Deliveries.Add(DeliveryRules.Queue(endpoint, integrationEvent.EventId, Type, WebhookDelivery.NewMessageId(), payload, now));
        }

        // Wakes this host's dispatcher; if it looks before the commit, it finds the deliveries at its next poll.
        signal.Notify();
    }
}
