using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>
/// <c>POST /users/{id}/transfer-ownership</c>: an owner hands the company to another active person, who
/// becomes an owner while the acting owner becomes an admin. Both get a new security stamp (other sessions
/// end at their next request). Only an owner may (by session, or with an admin key an active owner created).
/// </summary>
internal static class TransferOwnership
{
    public sealed record Command(Guid Id, UserActor Actor) : IRequest<UserChangeOutcome>, ITenantWrite;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock, IStringLocalizer<TenantsText> text) : IRequestHandler<Command, UserChangeOutcome>
    {
        public async Task<UserChangeOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var (actingRole, actingUserId) = await UserRules.ActingAsync(db, command.Actor, cancellationToken);
            if (!Roles.Can(actingRole, Permission.ManageOwners) || actingUserId is not { } ownerId) throw new OwnerOnlyException(text["Users.OwnerOnly"]);
            var target = await UserRules.FindAsync(db, command.Id, cancellationToken);
            UserRules.EnsureNotSelf(ownerId, target, text);
            if (!target.IsActive) throw new ConflictException(text["Users.TransferToInactive"]);
            var owner = await UserRules.FindAsync(db, ownerId, cancellationToken);

            target.Role = Roles.Owner;
            target.RotateSecurityStamp();
            owner.Role = Roles.Admin;
            owner.RotateSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
            return new UserChangeOutcome(ListUsers.Handler.View(target, clock.GetUtcNow()), [], 0, 0, null);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/transfer-ownership", (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new TransferOwnership.Command(id, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Make this person an owner and the acting owner an admin (a key acts for the owner who created it)")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
