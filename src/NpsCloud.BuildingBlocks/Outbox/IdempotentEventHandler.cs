using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>
/// The base of every integration event handler. It records (handler, event id) in the inbox in the same
/// transaction as the handler's own changes, so an event delivered twice changes nothing the second time,
/// and a handler that failed is retried without repeating the handlers that succeeded.
/// </summary>
public abstract class IdempotentEventHandler<TEvent, TDbContext>(TDbContext db, TimeProvider clock) : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TDbContext : ModuleDbContext
{
    protected TDbContext Db => db;

    protected TimeProvider Clock => clock;

    /// <summary>Does the work once; changes made through <see cref="Db"/> are saved with the inbox record.</summary>
    protected abstract Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    public async Task Handle(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var handler = GetType().FullName!;
            var recorded = await db.Database.ExecuteSqlInterpolatedAsync($"""
                insert into platform.inbox_messages (tenant_id, handler, event_id, handled_at)
                values ({integrationEvent.TenantId}, {handler}, {integrationEvent.EventId}, {clock.GetUtcNow()})
                on conflict do nothing
                """, cancellationToken);
            if (recorded == 0)
            {
                return; // handled before: a redelivery
            }

            await HandleOnceAsync(integrationEvent, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
