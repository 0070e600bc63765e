using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The base of every module's DbContext: the module's own schema, the tenant filter on every
/// tenant-owned entity (the second layer behind row-level security), the department filter and save
/// check on every department-owned entity (see <see cref="IDepartmentOwned"/>), and the transactional outbox.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, ITenantContext tenant, OutboxSignal outboxSignal) : DbContext(options)
{
    /// <summary>The PostgreSQL schema this module owns.</summary>
    protected abstract string Schema { get; }

    /// <summary>Read by the query filters on every query (EF parameterises it per query).</summary>
    protected Guid CurrentTenantId => tenant.TenantId ?? Guid.Empty;

    /// <summary>The departments the caller may see (null: all); see <see cref="ITenantContext.VisibleDepartments"/>.</summary>
    protected IReadOnlySet<Guid>? VisibleDepartments => tenant.VisibleDepartments;

    /// <summary>The name of the department filter, for the few reads that must cross it (an upsert by email finding the existing contact).</summary>
    public const string DepartmentFilter = "department";

    /// <summary>The name of the tenant filter.</summary>
    public const string TenantFilterName = "tenant";

    /// <summary>Read by the department filters on every query: whether the caller sees every department.</summary>
    protected bool SeesAllDepartments => tenant.VisibleDepartments is null;

    /// <summary>Read by the department filters on every query: the departments a limited caller sees (empty when it sees all).</summary>
    protected List<Guid> VisibleDepartmentIds => tenant.VisibleDepartments?.ToList() ?? [];

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
            if (entity.BaseType is not null) continue;
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilterName, TenantFilter(entity.ClrType));
            }

            if (typeof(IDepartmentOwned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(DepartmentFilter, OwnDepartmentFilter(entity.ClrType));
            }
        }

        ConfigureDepartmentVisibility(modelBuilder);
    }

    /// <summary>The module's own mapping.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>
    /// Where a module says which of its rows without a department column a limited caller may see
    /// (a survey's members through the survey, a contact through the surveys that reach it), with
    /// <see cref="LimitToVisibleDepartments{T}"/>. Rows of an <see cref="IDepartmentOwned"/> entity need nothing here.
    /// </summary>
    protected virtual void ConfigureDepartmentVisibility(ModelBuilder modelBuilder)
    {
    }

    /// <summary>
    /// The department filter of an entity that belongs to a department through another row: a caller who
    /// sees every department sees every row; a limited caller only those <paramref name="visibleWhenLimited"/>
    /// accepts (write it with <see cref="VisibleDepartmentIds"/>).
    /// </summary>
    protected void LimitToVisibleDepartments<T>(ModelBuilder modelBuilder, Expression<Func<T, bool>> visibleWhenLimited) where T : class
    {
        var row = visibleWhenLimited.Parameters[0];
        var seesAll = Expression.Property(Expression.Constant(this), nameof(SeesAllDepartments));
        modelBuilder.Entity<T>().HasQueryFilter(DepartmentFilter,
            Expression.Lambda<Func<T, bool>>(Expression.OrElse(seesAll, visibleWhenLimited.Body), row));
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseOtherDepartments();
        var publishes = StampTenant();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes && Database.CurrentTransaction is null) outboxSignal.Notify();
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseOtherDepartments();
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

    /// <summary>
    /// A limited caller may not add a row to another department, move a row out of or into one, or delete
    /// one: the same 404 as reading it. Nor may it leave a row without a department, which only callers
    /// who see every department could see again (400 naming <c>departmentId</c>). Reads are filtered, so
    /// this catches a write that names the department itself (a response filed under another department, say).
    /// </summary>
    private void RefuseOtherDepartments()
    {
        if (tenant.VisibleDepartments is not { } visible) return;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is not IDepartmentOwned owned || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.State is EntityState.Added or EntityState.Modified && owned.OwningDepartmentId is null)
            {
                throw new RequestValidationException("departmentId", "A caller limited to departments must file this under one of its departments.");
            }

            var departments = new List<Guid?> { owned.OwningDepartmentId };
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Metadata.FindProperty("DepartmentId") is { } property)
            {
                departments.Add((Guid?)entry.OriginalValues[property]);
            }

            if (departments.Any(d => d is not { } id || !visible.Contains(id))) throw new NotFoundException("The department");
        }
    }

    private LambdaExpression OwnDepartmentFilter(Type entityType)
    {
        var row = Expression.Parameter(entityType, "row");
        var property = entityType.GetProperty("DepartmentId")
            ?? throw new InvalidOperationException($"{entityType.Name} is department-owned but has no DepartmentId property.");
        var department = Expression.Property(row, property);
        var visible = Expression.Property(Expression.Constant(this), nameof(VisibleDepartmentIds));
        var contains = typeof(List<Guid>).GetMethod(nameof(List<Guid>.Contains))!;
        Expression visibleWhenLimited = property.PropertyType == typeof(Guid)
            ? Expression.Call(visible, contains, department)
            : Expression.AndAlso(
                Expression.Property(department, nameof(Nullable<Guid>.HasValue)),
                Expression.Call(visible, contains, Expression.Property(department, nameof(Nullable<Guid>.Value))));
        var seesAll = Expression.Property(Expression.Constant(this), nameof(SeesAllDepartments));
        return Expression.Lambda(Expression.OrElse(seesAll, visibleWhenLimited), row);
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        var row = Expression.Parameter(entityType, "row");
        var tenantId = Expression.Property(row, nameof(ITenantOwned.TenantId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), row);
    }
}
