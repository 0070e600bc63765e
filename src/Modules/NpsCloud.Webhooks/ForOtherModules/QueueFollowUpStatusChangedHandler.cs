using NpsCloud.Contracts.FollowUps;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueFollowUpStatusChangedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<FollowUpStatusChanged, FollowUpStatusChangedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.FollowUpStatusChanged;

    protected override FollowUpStatusChangedData Data(FollowUpStatusChanged e) =>
        new(e.CaseId, e.ResponseId, e.DepartmentId, e.PreviousStatus, e.Status, e.Outcome, e.ActorUserId);
}
