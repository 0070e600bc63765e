using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.FollowUps;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>The confirmation of a change to a person's access says how many open cases it would hand over.</summary>
internal sealed class CountOpenCasesToHandOverHandler(FollowUpsDbContext db) : IRequestHandler<CountOpenCasesToHandOver, int>
{
    public async Task<int> Handle(CountOpenCasesToHandOver query, CancellationToken cancellationToken) =>
        (await CasesToHandOver.FindAsync(db.Cases.AsNoTracking(), query.UserId, query.Role, query.DepartmentIds, cancellationToken)).Count;
}
