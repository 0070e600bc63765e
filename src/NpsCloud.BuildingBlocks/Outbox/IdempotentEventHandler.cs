using System.Data.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>
/// A handler the outbox dispatcher may give several events of its type at once (all of one tenant, in
/// the order they occurred). It handles each event once or throws; when it throws, the dispatcher hands
/// the events over again one at a time, so one bad event fails alone.
/// </summary>
public interface IEventBatchHandler<in TEvent> : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleBatchAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// The base of every integration event handler. It records (handler, event id) in the inbox in the same
/// transaction as the handler's own changes, so an event delivered twice changes nothing the second time,
/// and a handler that failed is retried without repeating the handlers that succeeded. A batch of events
/// is one transaction with one inbox statement; only the events it newly records are handled.
/// </summary>
public abstract class IdempotentEventHandler<TEvent, TDbContext>(TDbContext db, TimeProvider clock) : IEventBatchHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TDbContext : ModuleDbContext
{
    protected TDbContext Db => db;

    protected TimeProvider Clock => clock;

    /// <summary>The name the inbox knows this handler by (its full type name; renaming it needs a migration).</summary>
    protected string HandlerName => GetType().FullName!;

    /// <summary>Does the work once; changes made through <see cref="Db"/> are saved with the inbox record.</summary>
    protected abstract Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Does the work once for each of several events not handled before, in the transaction that records
    /// them. The default handles them one after another, saving after each, so a handler written for
    /// one event sees the effect of the previous one as it would have alone. Override it to do the
    /// batch in fewer statements; changes left unsaved are saved before the commit.
    /// </summary>
    protected virtual async Task HandleManyOnceAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        foreach (var integrationEvent in integrationEvents)
        {
            await HandleOnceAsync(integrationEvent, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task Handle(TEvent integrationEvent, CancellationToken cancellationToken) =>
        HandleBatchAsync([integrationEvent], cancellationToken);

    public virtual async Task HandleBatchAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        if (integrationEvents.Count == 0) return;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var recorded = await RecordAsync(integrationEvents, transaction.GetDbTransaction(), cancellationToken);
                if (recorded.Count == 0) return; // all handled before: a redelivery

                await HandleManyOnceAsync(recorded, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                // The context outlives this delivery (the dispatcher delivers a tenant's batch in one scope):
                // what it tracked must neither be saved by a later delivery after a failure nor grow with the batch.
                db.ChangeTracker.Clear();
            }
        });
    }

    /// <summary>Writes the inbox records of the events in one statement; answers the events it newly recorded, in order.</summary>
    private protected async Task<IReadOnlyList<TEvent>> RecordAsync(
        IReadOnlyList<TEvent> integrationEvents, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = InboxCommand("""
            insert into platform.inbox_messages (tenant_id, handler, event_id, handled_at)
            select e.tenant_id, $3, e.event_id, $4 from unnest($1::uuid[], $2::uuid[]) as e(tenant_id, event_id)
            on conflict do nothing
            returning event_id
            """, integrationEvents, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        return await ReadEventIdsAsync(command, integrationEvents, cancellationToken);
    }

    /// <summary>The events of these that this handler has not handled yet, in order (outside any transaction).</summary>
    private protected async Task<IReadOnlyList<TEvent>> UnhandledAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = InboxCommand("""
                select e.event_id from unnest($1::uuid[], $2::uuid[]) as e(tenant_id, event_id)
                 where not exists (select 1 from platform.inbox_messages i
                                    where i.tenant_id = e.tenant_id and i.handler = $3 and i.event_id = e.event_id)
                """, integrationEvents, transaction: null);
            return await ReadEventIdsAsync(command, integrationEvents, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private NpgsqlCommand InboxCommand(string sql, IReadOnlyList<TEvent> integrationEvents, DbTransaction? transaction)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = integrationEvents.Select(e => e.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = integrationEvents.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = HandlerName });
        return command;
    }

    private static async Task<IReadOnlyList<TEvent>> ReadEventIdsAsync(
        NpgsqlCommand command, IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        }

        // Remove, not Contains: an event given twice in one batch is handled once.
        return integrationEvents.Where(e => ids.Remove(e.EventId)).ToList();
    }
}

/// <summary>
/// The base of a handler whose effect leaves the database (an email): the effect runs outside any
/// transaction, so no connection or transaction is held open while a mail server answers, and the inbox
/// records an event only after its effect succeeded. At least once: a host that dies between the effect
/// and the record repeats the effect on redelivery (a second email rather than a lost one).
/// </summary>
public abstract class IdempotentEffectHandler<TEvent, TDbContext>(TDbContext db, TimeProvider clock)
    : IdempotentEventHandler<TEvent, TDbContext>(db, clock)
    where TEvent : IIntegrationEvent
    where TDbContext : ModuleDbContext
{
    /// <summary>
    /// Each event not handled before: its effect, then its inbox record (with any changes made through
    /// <see cref="IdempotentEventHandler{TEvent,TDbContext}.Db"/>), so a failure on one event repeats none of the effects before it.
    /// </summary>
    public override async Task HandleBatchAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        if (integrationEvents.Count == 0) return;
        foreach (var integrationEvent in await UnhandledAsync(integrationEvents, cancellationToken))
        {
            try
            {
                await HandleOnceAsync(integrationEvent, cancellationToken);
                var strategy = Db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(async () =>
                {
                    await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
                    // A concurrent delivery (another host after a lease ran out) may have recorded it meanwhile: then only the record is skipped.
                    if ((await RecordAsync([integrationEvent], transaction.GetDbTransaction(), cancellationToken)).Count == 0) return;
                    await Db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                });
            }
            finally
            {
                Db.ChangeTracker.Clear();
            }
        }
    }
}
