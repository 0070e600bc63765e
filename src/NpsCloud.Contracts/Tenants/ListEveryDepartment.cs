using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>
/// Every department of the current tenant that is not archived, by name, past the caller's department
/// visibility: a department head moves a follow-up case to the department that owns the cause, which may
/// be one they do not look after, and a moved case names the department it came from. Names and heads
/// only; nothing else of another department. Answered by the Tenants module.
/// </summary>
public sealed record ListEveryDepartment : IRequest<IReadOnlyList<DepartmentInfo>>;
