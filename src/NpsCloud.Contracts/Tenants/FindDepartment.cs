using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>A department of the current tenant (archived ones too), or null: another tenant's id is not found.</summary>
public sealed record FindDepartment(Guid DepartmentId) : IRequest<DepartmentInfo?>;

public sealed record DepartmentInfo(Guid Id, string Name, Guid? HeadUserId, bool Archived);
