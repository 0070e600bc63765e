using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>Sets the scope's tenant on every connection an EF Core context opens.</summary>
internal sealed class TenantConnectionInterceptor(ITenantContext tenant) : DbConnectionInterceptor
{
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        TenantSession.ApplyAsync(connection, tenant.TenantId, cancellationToken);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        TenantSession.Apply(connection, tenant.TenantId);
}
