using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>
/// <c>DELETE /contacts/{id}</c>: the KVKK/GDPR erasure. Address, name and properties are removed and the
/// contact leaves every audience; the anonymous row stays so the scores it gave keep counting. Pending
/// invitations are cancelled and the properties its requests carried are removed; <see cref="ContactErased"/> tells the other modules. Allowed after the trial too: erasure is a right, not a feature.
/// </summary>
internal static class EraseContact
{
    public sealed record Command(Guid Id) : IRequest;

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            contact.Erase(now);
            // Erasure is about the person, not a department: a caller who may see the contact erases it
            // from every audience and invitation, other departments' included.
            db.Members.RemoveRange(await db.Members.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(m => m.ContactId == contact.Id).ToListAsync(cancellationToken));
            // Invitations keep only what scores need: what the requests said about the person goes too.
            foreach (var invitation in await db.Invitations.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(i => i.ContactId == contact.Id).ToListAsync(cancellationToken))
            {
                invitation.Properties = "{}";
                invitation.LastError = null;
                if (invitation.Status != InvitationStatuses.Scheduled) continue;
                invitation.Status = InvitationStatuses.Cancelled;
                invitation.Reason = "contact erased";
            }

            // Other modules (the comments of responses, say) erase what they keep about the person too.
            db.Publish(new ContactErased(Guid.CreateVersion7(now), contact.TenantId, now, contact.Id));
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new EraseContact.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Erase a person's data (KVKK/GDPR): only anonymous scores remain")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
