using MediatR;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// Marks a request only callers who see every department may send: it changes or reads what belongs to
/// the company, not to a department (departments themselves and their heads, company-wide contacts,
/// webhooks). The pipeline refuses it with 403 <c>department_limited</c> for a department head or a
/// department-limited key, whichever page or endpoint sends it.
/// </summary>
public interface IManagersOnly;

/// <summary>A caller limited to departments asked for something only owners, admins and tenant-wide keys may do.</summary>
public sealed class DepartmentLimitedException(string detail)
    : DomainException(403, "department_limited", "Not for a caller limited to departments", detail)
{
    public DepartmentLimitedException()
        : this("Only owners, admins and API keys that are not limited to departments may do this.")
    {
    }
}

internal sealed class ManagersOnlyBehavior<TRequest, TResponse>(ITenantContext tenant) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is IManagersOnly && tenant.VisibleDepartments is not null ? throw new DepartmentLimitedException() : next();
}
