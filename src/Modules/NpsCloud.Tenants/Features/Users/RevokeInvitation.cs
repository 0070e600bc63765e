using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.Tenants.Features.Users;

/// <summary><c>DELETE /users/invitations/{id}</c>: the emailed link stops working at once. Revoking an owner's invitation takes an owner.</summary>
internal static class RevokeInvitation
{
    public sealed record Command(Guid Id, UserActor Actor) : IRequest;

    public sealed class Handler(TenantsDbContext db, IStringLocalizer<TenantsText> text) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == command.Id && i.AcceptedAt == null, cancellationToken)
                ?? throw new NotFoundException("The invitation");
            var (actingRole, _) = await UserRules.ActingAsync(db, command.Actor, cancellationToken);
            UserRules.EnsureMayChange(actingRole, invitation.Role, null, text);
            db.Invitations.Remove(invitation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new NotFoundException("The invitation"); // revoked by a concurrent request
            }

            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/invitations/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RevokeInvitation.Command(id, UserActor.Of(http.User)), cancellationToken);
                return Results.NoContent();
            })
            .WithSummary("Revoke a pending invitation; its link stops working at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
