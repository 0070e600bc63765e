using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.Tenants.Features.Users;

/// <summary><c>POST /users/{id}/reactivate</c>: the person may sign in again, with the role and departments they had.</summary>
internal static class ReactivateUser
{
    public sealed record Command(Guid Id, UserActor Actor) : IRequest<UserView>, ITenantWrite;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock, IStringLocalizer<TenantsText> text) : IRequestHandler<Command, UserView>
    {
        public async Task<UserView> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await UserRules.FindAsync(db, command.Id, cancellationToken);
            var (actingRole, _) = await UserRules.ActingAsync(db, command.Actor, cancellationToken);
            UserRules.EnsureMayChange(actingRole, user.Role, null, text);
            if (!user.IsActive)
            {
                user.DeactivatedAt = null;
                user.RotateSecurityStamp();
                await db.SaveChangesAsync(cancellationToken);
            }

            return ListUsers.Handler.View(user, clock.GetUtcNow());
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/reactivate", (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ReactivateUser.Command(id, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Reactivate a deactivated person, with the role and departments they had")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
