using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal sealed record DepartmentView(Guid Id, string Name, Guid? HeadUserId, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt)
{
    internal static DepartmentView From(Department department) =>
        new(department.Id, department.Name, department.HeadUserId, department.CreatedAt, department.ArchivedAt);
}
