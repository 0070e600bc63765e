using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Departments;

/// <summary>Answers other modules that reference a department (surveys, goals, follow-ups).</summary>
internal sealed class FindDepartmentHandler(TenantsDbContext db) : IRequestHandler<FindDepartment, DepartmentInfo?>
{
    public async Task<DepartmentInfo?> Handle(FindDepartment query, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking()
            .Where(d => d.Id == query.DepartmentId)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId, d.ArchivedAt != null, d.FollowUpSlaHours))
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class ListDepartmentInfosHandler(TenantsDbContext db) : IRequestHandler<ListDepartmentInfos, IReadOnlyList<DepartmentInfo>>
{
    public async Task<IReadOnlyList<DepartmentInfo>> Handle(ListDepartmentInfos query, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking()
            .Where(d => d.ArchivedAt == null)
            .OrderBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId, false, d.FollowUpSlaHours))
            .ToListAsync(cancellationToken);
}
