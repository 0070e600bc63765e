using System.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>
/// Every answer's counts for a rebuild of the rollups, and the answer events still in the outbox, in one
/// snapshot (a repeatable-read transaction): an answer is stored in the same transaction as its event, so
/// the events named are exactly those whose answers the counts hold and whose handlers have not run.
/// </summary>
internal sealed class CountAllResponseScoresHandler(ResponsesDbContext db, ITenantContext tenant) : IRequestHandler<CountAllResponseScores, AllResponseScores>
{
    private static readonly string[] AnswerEvents = [typeof(ResponseRecorded).FullName!, typeof(ResponseUpdated).FullName!, typeof(ResponsesImported).FullName!, typeof(ResponseDeleted).FullName!];

    public async Task<AllResponseScores> Handle(CountAllResponseScores request, CancellationToken cancellationToken)
    {
        if (tenant.VisibleDepartments is not null) throw new DepartmentLimitedException();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var buckets = await CountResponseScoresHandler.CountAsync(db, new CountResponseScores(request.TimeZone), cancellationToken);
            var pending = await db.Database.SqlQuery<Guid>($"""
                select id as "Value" from platform.outbox_messages where dispatched_at is null and type = any({AnswerEvents})
                """).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AllResponseScores(buckets, pending);
        });
    }
}
