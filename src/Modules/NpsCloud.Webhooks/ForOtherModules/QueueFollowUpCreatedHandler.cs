using NpsCloud.Contracts.FollowUps;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueFollowUpCreatedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<FollowUpCreated, FollowUpCreatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.FollowUpCreated;

    protected override FollowUpCreatedData Data(FollowUpCreated e) =>
        new(e.CaseId, e.ResponseId, e.SurveyId, e.ContactId, e.DepartmentId, e.Kind, e.Score, e.AssigneeUserId, e.DueAt);
}
