using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>A deleted answer: its one count of its last score leaves its bucket of its local day and month.</summary>
internal sealed class UncountDeletedResponseHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseDeleted, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseDeleted deleted, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(deleted.RespondedAt, cancellationToken);
        await rollups.AddAsync(deleted.EventId,
            [new(day, deleted.SurveyId, deleted.DepartmentId, deleted.Touchpoint, deleted.Channel, RollupMaintenance.One(deleted.Score, by: -1))],
            cancellationToken);
    }
}
