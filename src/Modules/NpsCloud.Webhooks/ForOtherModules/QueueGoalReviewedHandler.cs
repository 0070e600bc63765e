using NpsCloud.Contracts.Goals;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueGoalReviewedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<GoalReviewed, GoalReviewedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.GoalReviewed;

    protected override GoalReviewedData Data(GoalReviewed e) =>
        new(e.GoalId, e.DepartmentId, e.ReviewId, e.Kind, e.Status, e.PreviousStatus, e.Nps, e.Responses, e.TargetNps);
}
