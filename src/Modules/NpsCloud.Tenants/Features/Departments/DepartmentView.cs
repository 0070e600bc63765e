using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

/// <param name="FollowUpSlaHours">The department's own follow-up SLA in hours; null follows the company's.</param>
internal sealed record DepartmentView(Guid Id, string Name, Guid? HeadUserId, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt, int? FollowUpSlaHours)
{
    internal static DepartmentView From(Department department) =>
        new(department.Id, department.Name, department.HeadUserId, department.CreatedAt, department.ArchivedAt, department.FollowUpSlaHours);
}
