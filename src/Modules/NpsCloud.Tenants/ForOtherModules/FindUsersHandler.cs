using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers other modules that address people (follow-up alerts, assignees): who they are, their role, language and departments.</summary>
internal sealed class FindUsersHandler(TenantsDbContext db) : IRequestHandler<FindUsers, IReadOnlyDictionary<Guid, UserInfo>>
{
    public async Task<IReadOnlyDictionary<Guid, UserInfo>> Handle(FindUsers query, CancellationToken cancellationToken)
    {
        var ids = query.UserIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Include(u => u.Departments).Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, Info);
    }

    public static UserInfo Info(User u) => new(u.Id, u.Email, u.Name, u.Role, u.Locale, u.Departments.Select(d => d.DepartmentId).ToList(), u.IsActive);
}
