using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>
/// The current tenant's cases nobody contacted by their due time become <c>escalated</c>, each once: one
/// conditional UPDATE claims them (a case someone marked contacted meanwhile no longer matches), and the
/// same transaction writes their history and the events that email the owners and admins. A promoter
/// case is never escalated: thanking a happy customer late pages nobody.
/// </summary>
internal static class EscalateOverdueCases
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var tenantId = tenant.RequiredTenantId;
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var escalated = await db.Database.SqlQuery<EscalatedRow>($"""
                    update followups.cases set status = 'escalated', escalated_at = {now}, updated_at = {now}
                     where tenant_id = {tenantId} and status = 'open' and due_at <= {now} and kind <> {CaseKinds.Promoter}
                    returning id, response_id, department_id
                    """).ToListAsync(cancellationToken);
                foreach (var row in escalated)
                {
                    var followUp = new FollowUpCase { Id = row.Id, Kind = "", Status = FollowUpStatuses.Escalated };
                    db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Escalated, CaseActor.System, now, status: FollowUpStatuses.Escalated));
                    db.Publish(new FollowUpStatusChanged(Guid.CreateVersion7(now), tenantId, now, row.Id, row.ResponseId, row.DepartmentId,
                        FollowUpStatuses.Open, FollowUpStatuses.Escalated, null, null));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return escalated.Count;
            });
        }
    }

    private sealed class EscalatedRow
    {
        public Guid Id { get; init; }
        public Guid ResponseId { get; init; }
        public Guid? DepartmentId { get; init; }
    }
}
