using System.Text.Json;
using System.Text.Json.Serialization;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features;

/// <summary>
/// An endpoint as the API shows it. <paramref name="Secret"/> is present only in the answers to creating
/// the endpoint and rotating its secret; nothing else ever shows it.
/// </summary>
/// <param name="Status"><c>enabled</c> or <c>disabled</c>.</param>
/// <param name="DisabledReason"><c>gone</c> (the receiver answered 410) or <c>failing</c> (five days of failures).</param>
internal sealed record WebhookView(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, string Status, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static WebhookView From(WebhookEndpoint endpoint, string? secret = null) => new(
        endpoint.Id, endpoint.Url, endpoint.Description, endpoint.EventTypes, endpoint.DisabledAt is null ? "enabled" : "disabled",
        endpoint.DisabledAt, endpoint.DisabledReason, endpoint.FailingSince, endpoint.PreviousSecretExpiresAt, endpoint.CreatedAt, endpoint.UpdatedAt, secret);
}

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
