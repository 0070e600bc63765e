using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>Wakes the webhook dispatchers as soon as a delivery is queued, instead of at their next poll.</summary>
internal sealed class WebhookSignal : WakeSignal;
