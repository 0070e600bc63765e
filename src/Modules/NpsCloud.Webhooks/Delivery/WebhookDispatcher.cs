using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Webhooks.Features.Deliveries;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// Every host sends due webhooks (<c>webhooks.claim_due_deliveries</c>, see <see cref="LeasedSendDispatcher"/>);
/// a delivery sent again after a lease ran out keeps its webhook-id.
/// </summary>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, WebhookSignal signal, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : LeasedSendDispatcher(scopes, dataSource, signal, options, clock, logger)
{
    protected override string ClaimSql => "select tenant_id, delivery_id from webhooks.claim_due_deliveries($1, $2, $3)";

    protected override string What => "webhook delivery";

    protected override Task SendOneAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<WebhookSender>().SendAsync(id, cancellationToken);
}
