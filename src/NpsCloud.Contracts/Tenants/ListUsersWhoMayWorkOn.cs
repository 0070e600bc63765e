using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>
/// The current tenant's active people who may work on a follow-up case of this department (see
/// <see cref="Roles.MayWorkOn"/>): owners, admins and the department's heads, by name. For the case
/// page's "reassign" picker. Answered by the Tenants module.
/// </summary>
public sealed record ListUsersWhoMayWorkOn(Guid? DepartmentId) : IRequest<IReadOnlyList<UserInfo>>;
