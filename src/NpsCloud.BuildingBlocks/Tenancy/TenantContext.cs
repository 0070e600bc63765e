namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>Who is calling, for which tenant. One per request, job run or event delivery (scoped).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The signed-in user, when a person (not an API key or the system) is acting.</summary>
    Guid? UserId { get; }

    /// <summary>
    /// The departments the caller may see: null when it sees them all (owners, admins, viewers, tenant-wide
    /// API keys, the system); a department head's own departments otherwise. Another department's data
    /// then answers 404, as another tenant's does.
    /// </summary>
    IReadOnlySet<Guid>? VisibleDepartments { get; }

    Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");

    /// <summary>Whether the caller may see data of this department (data without a department: only callers who see all).</summary>
    bool CanSee(Guid? departmentId) => VisibleDepartments is null || departmentId is { } id && VisibleDepartments.Contains(id);
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public Guid? UserId { get; private set; }

    public IReadOnlySet<Guid>? VisibleDepartments { get; private set; }

    /// <summary>Limits this scope to some departments (see <see cref="ITenantContext.VisibleDepartments"/>).</summary>
    public void LimitToDepartments(IEnumerable<Guid> departmentIds) => VisibleDepartments = departmentIds.ToHashSet();

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
