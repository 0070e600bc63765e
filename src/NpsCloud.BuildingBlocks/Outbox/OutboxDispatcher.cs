using System.Collections.Concurrent;
using System.Reflection;
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
    /// <summary>
    /// The safety poll: how long an idle dispatcher waits when nothing wakes it and no event is due
    /// sooner. Committed events wake it at once (in-process and through <c>nps_outbox</c> from every
    /// host) and a retry's due time wakes it then, so this only bounds how late a missed notification or
    /// a lease left by a host that died is noticed.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many events one claim takes at most, over all tenants.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many events of one tenant one claim takes at most (one tenant's batch, delivered in one scope).</summary>
    public int TenantBatchSize { get; set; } = 50;

    /// <summary>How many tenants' batches are delivered at the same time.</summary>
    public int Concurrency { get; set; } = 4;

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
/// Delivers committed outbox events to their handlers. A claim takes due events round-robin across
/// tenants (every tenant's first event before any tenant's second, a few dozen per tenant at most), so
/// one tenant's burst delays the others by a batch, not by the burst. Each tenant's events are delivered
/// in one scope under that tenant, in the order they occurred, several tenants at a time; consecutive
/// events of one type go to each handler as a batch (<see cref="IEventBatchHandler{TEvent}"/>). Hosts
/// share the work by claiming with <c>FOR UPDATE SKIP LOCKED</c> under a lease; a failed event is
/// retried alone with backoff and jitter. Delivery is at least once; the idempotent handler base makes
/// the effect once.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    AppDataSource dataSource,
    IntegrationEventTypes eventTypes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : PollingWorker(signal, logger)
{
    /// <summary>The shortest idle wait, so an event due now that the claim could not take (locked a moment by another host) is not spun on.</summary>
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(50);

    /// <summary>The wait after a claim that failed (the database unreachable): soon, but not in a tight loop.</summary>
    private static readonly TimeSpan FailedClaimWait = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<Type, Publisher> Publishers = new();

    private TimeSpan _idleWait = options.Value.PollInterval;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    /// <summary>Claimed anything: claim again at once (a claim is short of full when tenants hit their share, not only when the queue is empty).</summary>
    protected override bool MoreMayBeDue(int taken) => taken > 0;

    protected override TimeSpan IdleWait => _idleWait;

    /// <summary>Claims and delivers one round of batches; answers how many events it claimed.</summary>
    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        _idleWait = FailedClaimWait < PollInterval ? FailedClaimWait : PollInterval;
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0) return 0;

        // Small batches first: with more tenants than delivery slots, a tenant with one event waits for no long batch.
        var batches = claimed
            .GroupBy(m => m.TenantId)
            .Select(g => g.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToList())
            .OrderBy(b => b.Count).ThenBy(b => b[0].OccurredAt)
            .ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = cancellationToken },
            async (batch, token) => await DeliverTenantBatchAsync(batch, token));
        return claimed.Count;
    }

    private async Task<List<ClaimedMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        // The claim crosses tenants, so it goes through the one narrow path made for it: a
        // security-definer function that returns pending events and leases them to this host.
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        var batch = new List<ClaimedMessage>();
        await using (var command = new NpgsqlCommand(
            "select tenant_id, id, type, payload, attempts, occurred_at from platform.claim_outbox_batches($1, $2, $3)", connection))
        {
            command.Parameters.AddWithValue(options.Value.BatchSize);
            command.Parameters.AddWithValue(Math.Max(1, options.Value.TenantBatchSize));
            command.Parameters.AddWithValue(options.Value.Lease);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(new ClaimedMessage(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        if (batch.Count == 0) _idleWait = await UntilNextDueAsync(connection, cancellationToken);
        return batch;
    }

    /// <summary>
    /// How long to sleep when nothing was due: until the next event comes due (a retry after its
    /// backoff), by the database's clock, but no longer than the safety poll.
    /// </summary>
    private async Task<TimeSpan> UntilNextDueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select extract(epoch from platform.outbox_next_due_in())::float8", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is double seconds
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, ShortestWait.TotalSeconds, Math.Max(ShortestWait.TotalSeconds, PollInterval.TotalSeconds)))
            : PollInterval;
    }

    /// <summary>
    /// One tenant's claimed events, in one scope: runs of consecutive events of one type, each run to
    /// every handler of the type; then one statement marks what was delivered and one what failed.
    /// A retried event (attempt two or later) is a run of its own, so a poison event fails alone.
    /// </summary>
    private async Task DeliverTenantBatchAsync(List<ClaimedMessage> batch, CancellationToken cancellationToken)
    {
        var tenantId = batch[0].TenantId;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var failures = new Dictionary<Guid, Exception>();
            foreach (var run in Runs(batch))
            {
                var events = new List<IIntegrationEvent>(run.Count);
                var messages = new List<ClaimedMessage>(run.Count);
                foreach (var message in run)
                {
                    try
                    {
                        events.Add(Read(message));
                        messages.Add(message);
                    }
                    catch (Exception e)
                    {
                        failures[message.Id] = e;
                    }
                }

                if (events.Count == 0) continue;
                var failed = await PublisherFor(events[0].GetType())(scope.ServiceProvider, events, logger, cancellationToken);
                foreach (var (index, errors) in failed)
                {
                    failures[messages[index].Id] = errors.Count == 1 ? errors[0] : new AggregateException("Several handlers failed.", errors);
                }
            }

            await MarkAsync(scope.ServiceProvider.GetRequiredService<TenantConnectionFactory>(), tenantId, batch, failures);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the lease runs out and another host (or this one, restarted) delivers them
        }
        catch (Exception e)
        {
            // The other tenants' batches go on; these stay leased and are claimed again when the lease runs out.
            logger.LogError(e, "Delivering {Count} outbox event(s) of tenant {TenantId} failed", batch.Count, tenantId);
        }
    }

    /// <summary>A tenant's batch cut into runs of consecutive events of one type, a retried event always alone.</summary>
    internal static IEnumerable<List<ClaimedMessage>> Runs(List<ClaimedMessage> batch)
    {
        List<ClaimedMessage>? run = null;
        foreach (var message in batch)
        {
            var alone = message.Attempts > 1;
            if (run is not null && (alone || run[0].Attempts > 1 || run[0].Type != message.Type))
            {
                yield return run;
                run = null;
            }

            (run ??= []).Add(message);
        }

        if (run is not null) yield return run;
    }

    private IIntegrationEvent Read(ClaimedMessage message)
    {
        var type = eventTypes.Find(message.Type)
            ?? throw new InvalidOperationException($"No event type named '{message.Type}' is known to this host.");
        return (IIntegrationEvent)(JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.JsonOptions)
            ?? throw new InvalidOperationException("The event payload is empty."));
    }

    private async Task MarkAsync(TenantConnectionFactory connections, Guid tenantId, List<ClaimedMessage> batch, Dictionary<Guid, Exception> failures)
    {
        // Not cancelled when the host stops: the work is done, and a second delivery would only be skipped by every handler.
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var delivered = batch.Where(m => !failures.ContainsKey(m.Id)).Select(m => m.Id).ToArray();
        if (delivered.Length > 0)
        {
            await using var done = new NpgsqlCommand("""
                update platform.outbox_messages
                   set dispatched_at = now(), locked_until = null, last_error = null
                 where tenant_id = $1 and id = any($2)
                """, connection);
            done.Parameters.AddWithValue(tenantId);
            done.Parameters.AddWithValue(delivered);
            await done.ExecuteNonQueryAsync(CancellationToken.None);
        }

        if (failures.Count == 0) return;
        var failed = batch.Where(m => failures.ContainsKey(m.Id)).ToList();
        var delays = failed.Select(m => RetryDelay(options.Value.EffectiveRetryDelays, m.Attempts)).ToArray();
        for (var i = 0; i < failed.Count; i++)
        {
            logger.LogWarning(failures[failed[i].Id], "Delivering {EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}",
                failed[i].Type, failed[i].Id, failed[i].Attempts, delays[i]);
        }

        await using var retry = new NpgsqlCommand("""
            update platform.outbox_messages m
               set next_attempt_at = now() + f.delay, locked_until = null, last_error = f.error
              from unnest($2::uuid[], $3::interval[], $4::text[]) as f(id, delay, error)
             where m.tenant_id = $1 and m.id = f.id
            """, connection);
        retry.Parameters.AddWithValue(tenantId);
        retry.Parameters.AddWithValue(failed.Select(m => m.Id).ToArray());
        retry.Parameters.AddWithValue(delays);
        retry.Parameters.AddWithValue(failed.Select(m => failures[m.Id].ToString()).ToArray());
        await retry.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The configured delay for this attempt, spread by up to ±20% so retries of many events do not align.</summary>
    internal static TimeSpan RetryDelay(TimeSpan[] delays, int attempt)
    {
        var baseDelay = delays[Math.Clamp(attempt - 1, 0, delays.Length - 1)];
        return baseDelay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>Hands events of one type to every handler of the type; answers, by position, the events some handler failed.</summary>
    private delegate Task<Dictionary<int, List<Exception>>> Publisher(
        IServiceProvider services, IReadOnlyList<IIntegrationEvent> events, ILogger logger, CancellationToken cancellationToken);

    private static Publisher PublisherFor(Type eventType) =>
        Publishers.GetOrAdd(eventType, type => typeof(OutboxDispatcher)
            .GetMethod(nameof(PublishAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type)
            .CreateDelegate<Publisher>());

    /// <summary>
    /// Every handler gets the events, one handler after another (they share the scope's contexts), each
    /// even when another failed. A handler that takes batches gets them all at once; if the batch fails,
    /// it gets them again one at a time, so only the events that fail alone are retried.
    /// </summary>
    private static async Task<Dictionary<int, List<Exception>>> PublishAsync<TEvent>(
        IServiceProvider services, IReadOnlyList<IIntegrationEvent> events, ILogger logger, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        var typed = events.Cast<TEvent>().ToList();
        var failures = new Dictionary<int, List<Exception>>();
        foreach (var handler in services.GetServices<INotificationHandler<TEvent>>())
        {
            if (typed.Count > 1 && handler is IEventBatchHandler<TEvent> batchHandler)
            {
                try
                {
                    await batchHandler.HandleBatchAsync(typed, cancellationToken);
                    continue;
                }
                catch (Exception e) when (IsFailure(e, cancellationToken))
                {
                    logger.LogInformation(e, "{Handler} failed a batch of {Count} {EventType}; handing them over one at a time",
                        handler.GetType().Name, typed.Count, typeof(TEvent).Name);
                }
            }

            for (var i = 0; i < typed.Count; i++)
            {
                try
                {
                    await handler.Handle(typed[i], cancellationToken);
                }
                catch (Exception e) when (IsFailure(e, cancellationToken))
                {
                    (failures.TryGetValue(i, out var errors) ? errors : failures[i] = []).Add(e);
                }
            }
        }

        return failures;
    }

    private static bool IsFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    internal sealed record ClaimedMessage(Guid TenantId, Guid Id, string Type, string Payload, int Attempts, DateTimeOffset OccurredAt);
}
