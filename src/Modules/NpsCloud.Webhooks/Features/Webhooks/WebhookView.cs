using System.Text.Json.Serialization;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

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
