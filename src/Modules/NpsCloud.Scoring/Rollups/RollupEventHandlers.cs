using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Scoring.Rollups;

/// <summary>A new answer: its day and survey are recomputed.</summary>
internal sealed class CountRecordedResponse(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseRecorded, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(recorded.RespondedAt, cancellationToken);
        await rollups.RefreshAsync(day, day, recorded.SurveyId, cancellationToken);
    }
}

/// <summary>A changed answer: its day and survey are recomputed, so the count moves from the old score to the new.</summary>
internal sealed class CountUpdatedResponse(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<ResponseUpdated, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseUpdated updated, CancellationToken cancellationToken)
    {
        var day = await rollups.LocalDayAsync(updated.RespondedAt, cancellationToken);
        await rollups.RefreshAsync(day, day, updated.SurveyId, cancellationToken);
    }
}

/// <summary>A bulk import: the days it touched are recomputed, one survey at a time, in one go each.</summary>
internal sealed class CountImportedResponses(ScoringDbContext db, RollupMaintenance rollups, MediatR.IMediator mediator, TimeProvider clock)
    : IdempotentEventHandler<ResponsesImported, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponsesImported imported, CancellationToken cancellationToken)
    {
        var zone = (await mediator.Send(new GetTenantProfile(imported.TenantId), cancellationToken)).TimeZone;
        var touched = await mediator.Send(new CountResponseScores(zone, ImportId: imported.ImportId), cancellationToken);
        foreach (var survey in touched.GroupBy(b => b.SurveyId))
        {
            await rollups.RefreshAsync(survey.Min(b => b.Day), survey.Max(b => b.Day), survey.Key, cancellationToken);
        }
    }
}

/// <summary>The company moved to another time zone: its answers fall on other local days, so every rollup is recomputed.</summary>
internal sealed class RecountAfterTimeZoneChange(ScoringDbContext db, RollupMaintenance rollups, TimeProvider clock)
    : IdempotentEventHandler<TenantTimeZoneChanged, ScoringDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(TenantTimeZoneChanged changed, CancellationToken cancellationToken) =>
        rollups.RefreshAsync(null, null, null, cancellationToken);
}
