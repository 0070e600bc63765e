using System.Text.Json;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <param name="MessageId">The <c>webhook-id</c> header the receiver gets (the same on every retry and redelivery).</param>
internal sealed record DeliveryView(
    Guid Id, Guid WebhookId, string MessageId, string EventType, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt)
{
    public static DeliveryView From(WebhookDelivery delivery) => new(
        delivery.Id, delivery.EndpointId, delivery.MessageId, delivery.EventType, delivery.Status, delivery.Attempts, delivery.LastStatusCode,
        delivery.LastError, delivery.CreatedAt, delivery.NextAttemptAt, delivery.CompletedAt);
}

/// <summary>A delivery with the body it sends and every attempt, oldest first.</summary>
internal sealed record DeliveryDetail(DeliveryView Delivery, JsonElement Payload, IReadOnlyList<DeliveryDetail.Attempt> Attempts)
{
    public sealed record Attempt(int Number, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error, string? ResponseBody, DateTimeOffset? NextAttemptAt)
    {
        public static Attempt From(DeliveryAttempt attempt) =>
            new(attempt.Number, attempt.AttemptedAt, attempt.StatusCode, attempt.DurationMs, attempt.Error, attempt.ResponseBody, attempt.NextAttemptAt);
    }
}
