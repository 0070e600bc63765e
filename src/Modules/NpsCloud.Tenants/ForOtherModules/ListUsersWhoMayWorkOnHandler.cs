using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

internal sealed class ListUsersWhoMayWorkOnHandler(TenantsDbContext db) : IRequestHandler<ListUsersWhoMayWorkOn, IReadOnlyList<UserInfo>>
{
    public async Task<IReadOnlyList<UserInfo>> Handle(ListUsersWhoMayWorkOn query, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Departments).Where(u => u.DeactivatedAt == null).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        return users.Select(FindUsersHandler.Info).Where(u => Roles.MayWorkOn(u.Role, u.DepartmentIds, query.DepartmentId)).ToList();
    }
}
