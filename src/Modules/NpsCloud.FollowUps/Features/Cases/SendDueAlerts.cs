using MediatR;
using Microsoft.EntityFrameworkCore;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>
/// The current tenant's cases whose grace period passed without a comment alert their assignee now,
/// without it. The cases are locked while they are claimed, so a comment arriving at the same moment
/// (FollowResponseChangeHandler) either sends the alert itself or finds it sent and sends the one update;
/// never two alerts. Each alert is an event in the same transaction that marks the case alerted.
/// </summary>
internal static class SendDueAlerts
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(FollowUpsDbContext db, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var due = await db.Cases
                    .FromSql($"select * from followups.cases where alerted_at is null and alert_due_at <= {now} for update skip locked")
                    .ToListAsync(cancellationToken);
                var sent = 0;
                foreach (var followUp in due)
                {
                    if (followUp.AlertNow(withComment: false, now) is not { } alert) continue;
                    db.Publish(alert);
                    sent++;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return sent;
            });
        }
    }
}
