using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>The newest comments of one category in a department, for the goal digests and the department page.</summary>
internal sealed class ListLatestCommentsHandler(ResponsesDbContext db) : IRequestHandler<ListLatestComments, IReadOnlyList<LatestComment>>
{
    public async Task<IReadOnlyList<LatestComment>> Handle(ListLatestComments query, CancellationToken cancellationToken) =>
        await db.Responses.AsNoTracking()
            .Where(r => r.DepartmentId == query.DepartmentId && !r.SuspectedAutomation && r.Category == query.Category && r.Comment != null && r.Comment != "")
            .OrderByDescending(r => r.RespondedAt)
            .Take(query.Count)
            .Select(r => new LatestComment(r.Id, r.Score, r.Comment!, r.RespondedAt))
            .ToListAsync(cancellationToken);
}
