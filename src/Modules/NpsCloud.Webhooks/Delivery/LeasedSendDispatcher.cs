using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// The loop both outgoing HTTP senders share (webhooks and chat posts): every host claims a batch of due
/// sends across tenants through one narrow path (a security-definer function, FOR UPDATE SKIP LOCKED,
/// committed with a lease), then sends the batch in parallel, each under its own tenant, so one slow
/// receiver does not hold up the others. Hosts never send the same attempt twice; a host that dies
/// mid-send leaves its lease to run out, and the send is made again by whichever host claims it next.
/// The webhooks' settings (poll interval, batch size, lease) apply to both.
/// </summary>
internal abstract class LeasedSendDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, WakeSignal signal, IOptions<WebhookOptions> options, TimeProvider clock, ILogger logger)
    : PollingWorker(signal, logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>The claim: a query over a function of (batch size, lease, now) that answers (tenant id, send id).</summary>
    protected abstract string ClaimSql { get; }

    /// <summary>What one send is called in the log.</summary>
    protected abstract string What { get; }

    /// <summary>Sends one claimed item, in a scope whose tenant is already set.</summary>
    protected abstract Task SendOneAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken);

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(Guid TenantId, Guid Id)>();
        await using (var command = dataSource.DataSource.CreateCommand(ClaimSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Lease });
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        await Task.WhenAll(batch.Select(claimed => SendAsync(claimed.TenantId, claimed.Id, cancellationToken)));
        return batch.Count;
    }

    private async Task SendAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await SendOneAsync(scope.ServiceProvider, id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out and the send is claimed again; nothing is lost.
            _logger.LogError(e, "Sending {What} {Id} failed unexpectedly", What, id);
        }
    }
}
