using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>A department of the current tenant (archived ones too), or null: another tenant's id is not found.</summary>
public sealed record FindDepartment(Guid DepartmentId) : IRequest<DepartmentInfo?>;

/// <param name="FollowUpSlaHours">The department's own follow-up SLA; null follows the company's.</param>
public sealed record DepartmentInfo(Guid Id, string Name, Guid? HeadUserId, bool Archived, int? FollowUpSlaHours = null);

/// <summary>The current tenant's departments that are not archived, by name (for pickers in other modules' pages).</summary>
public sealed record ListDepartmentInfos : IRequest<IReadOnlyList<DepartmentInfo>>;
