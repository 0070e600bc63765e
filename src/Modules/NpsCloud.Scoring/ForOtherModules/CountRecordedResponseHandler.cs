using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>A new answer: its day and survey are recomputed.</summary>
internal sealed class CountRecordedResponseHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseRecorded, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(recorded.RespondedAt, cancellationToken);
        await rollups.RefreshAsync(day, day, recorded.SurveyId, cancellationToken);
    }
}
