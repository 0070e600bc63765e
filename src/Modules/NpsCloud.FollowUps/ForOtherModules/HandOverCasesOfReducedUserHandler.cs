using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// A person's access was reduced (role or departments changed, deactivated, removed): the open cases they
/// could no longer work on go to the successor (the owner), each with an "assigned" event and alert. Once per
/// event (the inbox); and a redelivery after a later change finds only the cases still theirs.
/// </summary>
internal sealed class HandOverCasesOfReducedUserHandler(FollowUpsDbContext db, TimeProvider clock)
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
