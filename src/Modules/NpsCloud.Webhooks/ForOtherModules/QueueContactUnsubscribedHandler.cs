using NpsCloud.Contracts.Surveys;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueContactUnsubscribedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ContactUnsubscribed, ContactUnsubscribedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ContactUnsubscribed;

    protected override ContactUnsubscribedData Data(ContactUnsubscribed e) => new(e.ContactId, e.Source, e.OccurredAt);
}
