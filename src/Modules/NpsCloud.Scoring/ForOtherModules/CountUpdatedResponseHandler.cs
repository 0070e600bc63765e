using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>A changed answer: its day and survey are recomputed, so the count moves from the old score to the new.</summary>
internal sealed class CountUpdatedResponseHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(updated.RespondedAt, cancellationToken);
        await rollups.RefreshAsync(day, day, updated.SurveyId, cancellationToken);
    }
}
