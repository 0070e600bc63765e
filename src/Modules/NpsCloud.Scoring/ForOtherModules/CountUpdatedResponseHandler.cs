using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>
/// A changed answer: its count moves from the previous score to the new one, in the same bucket (an
/// answer's survey, department, touchpoint, channel and time never change; the Responses module locks
/// the answer while it changes, so each update's previous score is the score the one before it set).
/// </summary>
internal sealed class CountUpdatedResponseHandler(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        if (updated.Score == updated.PreviousScore) return; // only the comment changed
        var counts = RollupMaintenance.One(updated.Score);
        counts[updated.PreviousScore] = -1;
        var day = await rollups.LocalDayAsync(updated.RespondedAt, cancellationToken);
        await rollups.AddAsync(updated.EventId, [new(day, updated.SurveyId, updated.DepartmentId, updated.Touchpoint, updated.Channel, counts)], cancellationToken);
    }
}
