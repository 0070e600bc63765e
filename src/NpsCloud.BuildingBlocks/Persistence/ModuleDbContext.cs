using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The base of every module's DbContext: the module's own schema, the tenant filter on every
/// tenant-owned entity (the second layer behind row-level security), and the transactional outbox.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, ITenantContext tenant, OutboxSignal outboxSignal) : DbContext(options)
{
    /// <summary>The PostgreSQL schema this module owns.</summary>
    protected abstract string Schema { get; }

    /// <summary>Read by the query filters on every query (EF parameterises it per query).</summary>
    protected Guid CurrentTenantId => tenant.TenantId ?? Guid.Empty;

    /// <summary>The departments the caller may see (null: all); see <see cref="ITenantContext.VisibleDepartments"/>.</summary>
    protected IReadOnlySet<Guid>? VisibleDepartments => tenant.VisibleDepartments;

    internal DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>
    /// Queues an integration event in this context's unit of work: it is stored by the next
    /// <c>SaveChanges</c>, in the same transaction as the change it reports, and delivered after commit.
    /// </summary>
    public void Publish(IIntegrationEvent integrationEvent) =>
        OutboxMessages.Add(new OutboxMessage
        {
            TenantId = integrationEvent.TenantId,
            Id = integrationEvent.EventId,
            Type = IntegrationEventTypes.NameOf(integrationEvent.GetType()),
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), OutboxMessage.JsonOptions),
            OccurredAt = integrationEvent.OccurredAt,
            NextAttemptAt = integrationEvent.OccurredAt,
        });

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        OutboxMessage.Map(modelBuilder);
        InboxMessage.Map(modelBuilder);
        ConfigureModel(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
            }
        }
    }

    /// <summary>The module's own mapping.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var publishes = StampTenant();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes && Database.CurrentTransaction is null) outboxSignal.Notify();
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var publishes = StampTenant();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        if (publishes && Database.CurrentTransaction is null) outboxSignal.Notify();
        return written;
    }

    /// <summary>
    /// New tenant-owned rows get the current tenant; a row for another tenant is refused here before
    /// row-level security would refuse it in the database.
    /// </summary>
    private bool StampTenant()
    {
        var publishes = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is OutboxMessage && entry.State == EntityState.Added) publishes = true;
            if (entry.State != EntityState.Added || entry.Entity is not ITenantOwned owned) continue;

            var current = tenant.TenantId
                ?? throw new InvalidOperationException($"Cannot add a {entry.Metadata.ClrType.Name} without a tenant in context.");
            if (owned.TenantId == Guid.Empty)
            {
                entry.Property(nameof(ITenantOwned.TenantId)).CurrentValue = current;
            }
            else if (owned.TenantId != current)
            {
                throw new InvalidOperationException($"Cannot add a {entry.Metadata.ClrType.Name} for another tenant.");
            }
        }

        return publishes;
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        var row = Expression.Parameter(entityType, "row");
        var tenantId = Expression.Property(row, nameof(ITenantOwned.TenantId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), row);
    }
}
