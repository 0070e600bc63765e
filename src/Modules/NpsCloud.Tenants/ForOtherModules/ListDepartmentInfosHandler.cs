using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

internal sealed class ListDepartmentInfosHandler(TenantsDbContext db) : IRequestHandler<ListDepartmentInfos, IReadOnlyList<DepartmentInfo>>
{
    public async Task<IReadOnlyList<DepartmentInfo>> Handle(ListDepartmentInfos query, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking()
            .Where(d => d.ArchivedAt == null)
            .OrderBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId, false, d.FollowUpSlaHours))
            .ToListAsync(cancellationToken);
}
