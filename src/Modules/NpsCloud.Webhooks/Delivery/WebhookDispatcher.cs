using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Webhooks.Features.Deliveries;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// Every host sends due webhooks: it claims a batch across tenants through the one narrow path
/// (<c>webhooks.claim_due_deliveries</c>, FOR UPDATE SKIP LOCKED, committed with a lease), then sends the
/// batch in parallel, each under its own tenant, so one slow receiver does not hold up the others. Hosts
/// never send the same attempt twice; a host that dies mid-send leaves its lease to run out, and the
/// delivery is sent again (with the same webhook-id) by whichever host claims it next.
/// </summary>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, WebhookSignal signal, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(Guid TenantId, Guid DeliveryId)>();
        await using (var command = dataSource.DataSource.CreateCommand("select tenant_id, delivery_id from webhooks.claim_due_deliveries($1, $2, $3)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Lease });
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        await Task.WhenAll(batch.Select(claimed => SendAsync(claimed.TenantId, claimed.DeliveryId, cancellationToken)));
        return batch.Count;
    }

    private async Task SendAsync(Guid tenantId, Guid deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(deliveryId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out and the delivery is claimed again; nothing is lost.
            logger.LogError(e, "Sending webhook delivery {DeliveryId} failed unexpectedly", deliveryId);
        }
    }
}
