using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>A bulk import: the days it touched are recomputed, one survey at a time, in one go each.</summary>
internal sealed class CountImportedResponsesHandler(ScoringDbContext db, RollupMaintenance rollups, MediatR.IMediator mediator, TimeProvider clock)
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
