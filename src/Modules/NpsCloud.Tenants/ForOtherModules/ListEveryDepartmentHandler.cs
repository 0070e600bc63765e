using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

internal sealed class ListEveryDepartmentHandler(TenantsDbContext db) : IRequestHandler<ListEveryDepartment, IReadOnlyList<DepartmentInfo>>
{
    public async Task<IReadOnlyList<DepartmentInfo>> Handle(ListEveryDepartment query, CancellationToken cancellationToken) =>
        await db.Departments.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).AsNoTracking()
            .Where(d => d.ArchivedAt == null)
            .OrderBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId, false, d.FollowUpSlaHours))
            .ToListAsync(cancellationToken);
}
