using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

internal sealed class ListTenantManagersHandler(TenantsDbContext db) : IRequestHandler<ListTenantManagers, IReadOnlyList<UserInfo>>
{
    public async Task<IReadOnlyList<UserInfo>> Handle(ListTenantManagers query, CancellationToken cancellationToken)
    {
        var managers = await db.Users.AsNoTracking().Include(u => u.Departments)
            .Where(u => (u.Role == Roles.Owner || u.Role == Roles.Admin) && u.DeactivatedAt == null)
            .OrderBy(u => u.Role == Roles.Owner ? 0 : 1).ThenBy(u => u.CreatedAt)
            .ToListAsync(cancellationToken);
        return managers.Select(FindUsersHandler.Info).ToList();
    }
}
