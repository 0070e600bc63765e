using NpsCloud.Contracts.Responses;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueResponseCreatedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ResponseRecorded, ResponseCreatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ResponseCreated;

    protected override ResponseCreatedData Data(ResponseRecorded e) =>
        new(e.ResponseId, e.SurveyId, e.InvitationId, e.ContactId, e.DepartmentId, e.Touchpoint, e.Channel, e.Score, e.Category, e.HasComment, e.RespondedAt);
}
