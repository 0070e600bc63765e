using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Tenants;

/// <summary>The Tenants module's tables, all in the <c>tenants</c> schema.</summary>
internal sealed class TenantsDbContext(DbContextOptions<TenantsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "tenants";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
