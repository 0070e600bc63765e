using NpsCloud.Contracts.Responses;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Deliveries;

namespace NpsCloud.Webhooks.ForOtherModules;

internal sealed class QueueResponseUpdatedHandler(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ResponseUpdated, ResponseUpdatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ResponseUpdated;

    protected override ResponseUpdatedData Data(ResponseUpdated e) => new(
        e.ResponseId, e.SurveyId, e.InvitationId, e.ContactId, e.DepartmentId, e.Touchpoint, e.Channel, e.Score, e.Category, e.PreviousScore, e.HasComment,
        e.Revision, e.RespondedAt, e.CommentChanged);
}
