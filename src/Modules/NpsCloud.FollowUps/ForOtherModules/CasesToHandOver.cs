using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>Which open cases of a person they could no longer work on with the access they have now.</summary>
internal static class CasesToHandOver
{
    public static async Task<List<FollowUpCase>> FindAsync(
        IQueryable<FollowUpCase> cases, Guid userId, string? role, IReadOnlyList<Guid> departmentIds, CancellationToken cancellationToken)
    {
        var open = await cases
            .Where(c => c.AssigneeUserId == userId && c.Status != FollowUpStatuses.Resolved && c.Status != FollowUpStatuses.Closed)
            .ToListAsync(cancellationToken);
        return open.Where(c => !Roles.MayWorkOn(role, departmentIds, c.DepartmentId)).ToList();
    }
}
