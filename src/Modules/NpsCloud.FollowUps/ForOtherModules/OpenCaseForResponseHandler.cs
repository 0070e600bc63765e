using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>A new answer: opens its case when it needs one, exactly once even when the event is delivered twice.</summary>
internal sealed class OpenCaseForResponseHandler(FollowUpsDbContext db, CaseOpener opener, TimeProvider clock)
    : IdempotentEventHandler<ResponseRecorded, FollowUpsDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken) =>
        opener.OpenIfNeededAsync(recorded.TenantId, recorded.ResponseId, recorded.SurveyId, recorded.ContactId, recorded.DepartmentId,
            recorded.Channel, recorded.Score, recorded.HasComment, 1, recorded.OccurredAt, cancellationToken);
}
