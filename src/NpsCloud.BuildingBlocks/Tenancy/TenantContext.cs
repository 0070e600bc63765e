namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>Who is calling, for which tenant. One per request, job run or event delivery (scoped).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The signed-in user, when a person (not an API key or the system) is acting.</summary>
    Guid? UserId { get; }

    Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public Guid? UserId { get; private set; }

    /// <summary>
    /// Sets the tenant for the rest of this scope. Connections opened afterwards carry it; changing an
    /// already-set tenant is refused, so one scope can never act for two tenants.
    /// </summary>
    public void Set(Guid tenantId, Guid? userId = null)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("This scope already acts for another tenant.");
        }

        TenantId = tenantId;
        UserId = userId ?? UserId;
    }
}
