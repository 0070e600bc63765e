using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>A new answer: one count of its score is added to its bucket of its local day and month.</summary>
internal sealed class CountRecordedResponseHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseRecorded, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(recorded.RespondedAt, cancellationToken);
        await rollups.AddAsync(recorded.EventId,
            [new(day, recorded.SurveyId, recorded.DepartmentId, recorded.Touchpoint, recorded.Channel, RollupMaintenance.One(recorded.Score))],
            cancellationToken);
    }
}
