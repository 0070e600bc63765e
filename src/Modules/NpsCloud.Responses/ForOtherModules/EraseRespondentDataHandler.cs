using Microsoft.EntityFrameworkCore;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>A person erased (KVKK/GDPR): their comments and properties go; the scores stay, anonymous.</summary>
internal sealed class EraseRespondentDataHandler(ResponsesDbContext db, TimeProvider clock)
    : BuildingBlocks.Outbox.IdempotentEventHandler<Contracts.Surveys.ContactErased, ResponsesDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(Contracts.Surveys.ContactErased erased, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await Db.Responses.Where(r => r.ContactId == erased.ContactId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Comment, (string?)null).SetProperty(r => r.Properties, "{}").SetProperty(r => r.UpdatedAt, now), cancellationToken);
    }
}
