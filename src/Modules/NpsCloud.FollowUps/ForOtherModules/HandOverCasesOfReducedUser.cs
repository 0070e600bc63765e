using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features;

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

/// <summary>
/// A person's access was reduced (role or departments changed, deactivated, removed): the open cases they
/// could no longer work on go to the successor (the owner), each with an "assigned" event and alert. Once per
/// event (the inbox); and a redelivery after a later change finds only the cases still theirs.
/// </summary>
internal sealed class HandOverCasesOfReducedUser(FollowUpsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<UserAccessReduced, FollowUpsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(UserAccessReduced reduced, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var followUp in await CasesToHandOver.FindAsync(Db.Cases, reduced.UserId, reduced.Role, reduced.DepartmentIds, cancellationToken))
        {
            followUp.AssigneeUserId = reduced.SuccessorUserId;
            followUp.UpdatedAt = now;
            Db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Assigned, CaseActor.System, now, userId: reduced.SuccessorUserId));
            Db.Publish(new FollowUpAssigned(Guid.CreateVersion7(now), reduced.TenantId, now, followUp.Id, reduced.UserId, reduced.SuccessorUserId, null));
        }
    }
}

/// <summary>The confirmation of a change to a person's access says how many open cases it would hand over.</summary>
internal sealed class CountOpenCasesToHandOverHandler(FollowUpsDbContext db) : IRequestHandler<CountOpenCasesToHandOver, int>
{
    public async Task<int> Handle(CountOpenCasesToHandOver query, CancellationToken cancellationToken) =>
        (await CasesToHandOver.FindAsync(db.Cases.AsNoTracking(), query.UserId, query.Role, query.DepartmentIds, cancellationToken)).Count;
}
