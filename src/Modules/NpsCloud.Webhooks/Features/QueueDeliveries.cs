using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Goals;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Webhooks.Delivery;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features;

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

internal sealed class QueueResponseCreated(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ResponseRecorded, ResponseCreatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ResponseCreated;

    protected override ResponseCreatedData Data(ResponseRecorded e) =>
        new(e.ResponseId, e.SurveyId, e.InvitationId, e.ContactId, e.DepartmentId, e.Touchpoint, e.Channel, e.Score, e.Category, e.HasComment, e.RespondedAt);
}

internal sealed class QueueResponseUpdated(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ResponseUpdated, ResponseUpdatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ResponseUpdated;

    protected override ResponseUpdatedData Data(ResponseUpdated e) => new(
        e.ResponseId, e.SurveyId, e.InvitationId, e.ContactId, e.DepartmentId, e.Touchpoint, e.Channel, e.Score, e.Category, e.PreviousScore, e.HasComment,
        e.Revision, e.RespondedAt);
}

internal sealed class QueueFollowUpCreated(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<FollowUpCreated, FollowUpCreatedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.FollowUpCreated;

    protected override FollowUpCreatedData Data(FollowUpCreated e) =>
        new(e.CaseId, e.ResponseId, e.SurveyId, e.ContactId, e.DepartmentId, e.Kind, e.Score, e.AssigneeUserId, e.DueAt);
}

internal sealed class QueueFollowUpStatusChanged(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<FollowUpStatusChanged, FollowUpStatusChangedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.FollowUpStatusChanged;

    protected override FollowUpStatusChangedData Data(FollowUpStatusChanged e) =>
        new(e.CaseId, e.ResponseId, e.DepartmentId, e.PreviousStatus, e.Status, e.Outcome, e.ActorUserId);
}

internal sealed class QueueGoalReviewed(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<GoalReviewed, GoalReviewedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.GoalReviewed;

    protected override GoalReviewedData Data(GoalReviewed e) =>
        new(e.GoalId, e.DepartmentId, e.ReviewId, e.Kind, e.Status, e.PreviousStatus, e.Nps, e.Responses, e.TargetNps);
}

internal sealed class QueueContactUnsubscribed(WebhooksDbContext db, WebhookSignal signal, TimeProvider clock)
    : QueueDeliveries<ContactUnsubscribed, ContactUnsubscribedData>(db, signal, clock)
{
    protected override string Type => WebhookEventTypes.ContactUnsubscribed;

    protected override ContactUnsubscribedData Data(ContactUnsubscribed e) => new(e.ContactId, e.Source, e.OccurredAt);
}
