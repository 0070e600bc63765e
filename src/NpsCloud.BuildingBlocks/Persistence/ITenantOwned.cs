namespace NpsCloud.BuildingBlocks.Persistence;

/// <summary>
/// A row that belongs to one tenant. Its table has <c>tenant_id</c> leading its primary key, row-level
/// security, and the context filters it by the current tenant and stamps new rows with it.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
