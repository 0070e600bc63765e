using NpsCloud.Contracts;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>An endpoint was disabled after five days of failed deliveries (a module-internal event: the email goes after the change commits).</summary>
internal sealed record WebhookDisabledForFailing(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid EndpointId) : IIntegrationEvent;
