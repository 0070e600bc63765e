using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

internal static class Unsubscribe
{
    /// <summary>
    /// Marks the contact unsubscribed and cancels whatever is still waiting to be sent to them. The first
    /// time is kept, and only that change is reported (<see cref="ContactUnsubscribed"/>, through the outbox).
    /// </summary>
    public static async Task ApplyAsync(SurveysDbContext db, Contact contact, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (contact.UnsubscribedAt is null)
        {
            contact.UnsubscribedAt = now;
            db.Publish(new ContactUnsubscribed(Guid.CreateVersion7(now), contact.TenantId, now, contact.Id, source));
        }

        contact.UpdatedAt = now;
        // An unsubscribe stops every department's mail to the person, not only the caller's.
        foreach (var pending in await db.Invitations.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(i => i.ContactId == contact.Id && i.Status == InvitationStatuses.Scheduled).ToListAsync(cancellationToken))
        {
            pending.Status = InvitationStatuses.Cancelled;
            pending.Reason = "unsubscribed";
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
