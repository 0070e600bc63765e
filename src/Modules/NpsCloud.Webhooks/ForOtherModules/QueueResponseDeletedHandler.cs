using NpsCloud.Contracts.Responses;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueResponseDeletedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ResponseDeleted, ResponseDeletedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ResponseDeleted;

    protected override ResponseDeletedData Data(ResponseDeleted e) =>
        new(e.ResponseId, e.SurveyId, e.InvitationId, e.ContactId, e.DepartmentId, e.Touchpoint, e.Channel, e.Score, e.Category, e.RespondedAt);
}
