using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the dispatcher looks for due events when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed batch is reserved for this host before another host may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
    ];

    /// <summary>
    /// The wait before each retry; the last one repeats for ever (an event is never dropped). Empty means
    /// 1 s, 5 s, 30 s, 2 min, 10 min, then hourly. (Configured lists replace the default rather than
    /// append to it, which is why the default is not the property's initial value.)
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    internal TimeSpan[] EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;
}

/// <summary>
/// Delivers committed outbox events to their MediatR handlers, each under its own tenant. Hosts share the
/// work by claiming batches with <c>FOR UPDATE SKIP LOCKED</c> under a lease; a failed delivery is retried
/// with backoff and jitter. Delivery is at least once; the idempotent handler base makes the effect once.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    AppDataSource dataSource,
    IntegrationEventTypes eventTypes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    /// <summary>Claims and delivers one batch; answers how many events it claimed.</summary>
    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await ClaimAsync(cancellationToken);
        foreach (var message in batch)
        {
            await DeliverAsync(message, cancellationToken);
        }

        return batch.Count;
    }

    private async Task<List<ClaimedMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        // The claim crosses tenants, so it goes through the one narrow path made for it: a
        // security-definer function that returns pending events and leases them to this host.
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select tenant_id, id, type, payload, attempts from platform.claim_outbox_messages($1, $2)", connection);
        command.Parameters.AddWithValue(options.Value.BatchSize);
        command.Parameters.AddWithValue(options.Value.Lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batch = new List<ClaimedMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new ClaimedMessage(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return batch;
    }

    private async Task DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(message.TenantId);
        var connections = scope.ServiceProvider.GetRequiredService<TenantConnectionFactory>();
        try
        {
            var type = eventTypes.Find(message.Type)
                ?? throw new InvalidOperationException($"No event type named '{message.Type}' is known to this host.");
            var integrationEvent = (IIntegrationEvent)(JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.JsonOptions)
                ?? throw new InvalidOperationException("The event payload is empty."));

            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(integrationEvent, cancellationToken);

            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var done = new NpgsqlCommand("""
                update platform.outbox_messages
                   set dispatched_at = now(), locked_until = null, last_error = null
                 where tenant_id = $1 and id = $2
                """, connection);
            done.Parameters.AddWithValue(message.TenantId);
            done.Parameters.AddWithValue(message.Id);
            await done.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var delay = RetryDelay(options.Value.EffectiveRetryDelays, message.Attempts);
            logger.LogWarning(e, "Delivering {EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}",
                message.Type, message.Id, message.Attempts, delay);

            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var failed = new NpgsqlCommand("""
                update platform.outbox_messages
                   set next_attempt_at = now() + $3, locked_until = null, last_error = $4
                 where tenant_id = $1 and id = $2
                """, connection);
            failed.Parameters.AddWithValue(message.TenantId);
            failed.Parameters.AddWithValue(message.Id);
            failed.Parameters.AddWithValue(delay);
            failed.Parameters.AddWithValue(e.ToString());
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The configured delay for this attempt, spread by up to ±20% so retries of many events do not align.</summary>
    internal static TimeSpan RetryDelay(TimeSpan[] delays, int attempt)
    {
        var baseDelay = delays[Math.Clamp(attempt - 1, 0, delays.Length - 1)];
        return baseDelay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    private sealed record ClaimedMessage(Guid TenantId, Guid Id, string Type, string Payload, int Attempts);
}
