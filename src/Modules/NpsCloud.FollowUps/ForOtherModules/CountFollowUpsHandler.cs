using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.FollowUps;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>Open and overdue cases per department, for the goal reviews and the department page.</summary>
internal sealed class CountFollowUpsHandler(FollowUpsDbContext db) : IRequestHandler<CountFollowUps, IReadOnlyList<DepartmentFollowUps>>
{
    public async Task<IReadOnlyList<DepartmentFollowUps>> Handle(CountFollowUps query, CancellationToken cancellationToken)
    {
        var ids = query.DepartmentIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var at = query.At;
        var counts = await db.Cases.AsNoTracking()
            .Where(c => c.DepartmentId != null && ids.Contains(c.DepartmentId.Value) && c.Status != FollowUpStatuses.Resolved && c.Status != FollowUpStatuses.Closed)
            .GroupBy(c => c.DepartmentId!.Value)
            .Select(g => new
            {
                DepartmentId = g.Key,
                Open = g.Count(),
                Overdue = g.Count(c => c.FirstContactedAt == null && c.DueAt <= at),
            })
            .ToListAsync(cancellationToken);
        return counts.Select(c => new DepartmentFollowUps(c.DepartmentId, c.Open, c.Overdue)).ToList();
    }
}
