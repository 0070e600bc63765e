using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers other modules that reference a department (surveys, goals, follow-ups).</summary>
internal sealed class FindDepartmentHandler(TenantsDbContext db) : IRequestHandler<FindDepartment, DepartmentInfo?>
{
    public async Task<DepartmentInfo?> Handle(FindDepartment query, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking()
            .Where(d => d.Id == query.DepartmentId)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId, d.ArchivedAt != null, d.FollowUpSlaHours))
            .FirstOrDefaultAsync(cancellationToken);
}
