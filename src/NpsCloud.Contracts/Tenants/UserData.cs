using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>The current tenant's users with these ids (unknown ids, and other tenants' users, are left out). Answered by the Tenants module.</summary>
public sealed record FindUsers(IReadOnlyCollection<Guid> UserIds) : IRequest<IReadOnlyDictionary<Guid, UserInfo>>;

/// <summary>The current tenant's active owners and admins, owners first (for alerts that go to whoever runs the company's account).</summary>
public sealed record ListTenantManagers : IRequest<IReadOnlyList<UserInfo>>;

/// <param name="Role"><c>Owner</c>, <c>Admin</c>, <c>DepartmentHead</c> or <c>Viewer</c>.</param>
/// <param name="Locale">The language the person reads their emails in (<c>en</c> or <c>tr</c>).</param>
/// <param name="DepartmentIds">The departments a department head looks after.</param>
/// <param name="Active">False while the account is deactivated (the person cannot sign in).</param>
public sealed record UserInfo(Guid Id, string Email, string Name, string Role, string Locale, IReadOnlyList<Guid> DepartmentIds, bool Active = true);
