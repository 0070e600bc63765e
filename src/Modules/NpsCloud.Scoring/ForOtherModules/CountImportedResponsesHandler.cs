using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>
/// A bulk import: the imported answers, counted per bucket (one grouped query over the import's rows),
/// are added to the rollups in one upsert. Its cost follows the size of the import, not the history of
/// the days it touched.
/// </summary>
internal sealed class CountImportedResponsesHandler(ScoringDbContext db, RollupMaintenance rollups, MediatR.IMediator mediator, TimeProvider clock)
    : IdempotentEventHandler<ResponsesImported, ScoringDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponsesImported imported, CancellationToken cancellationToken)
    {
        var zone = await rollups.TimeZoneAsync(cancellationToken);
        var counted = await mediator.Send(new CountResponseScores(zone, ImportId: imported.ImportId), cancellationToken);
        await rollups.AddAsync(imported.EventId,
            counted.Select(b => new RollupMaintenance.BucketChange(b.Day, b.SurveyId, b.DepartmentId, b.Touchpoint, b.Channel, [.. b.Counts])).ToList(),
            cancellationToken);
    }
}
