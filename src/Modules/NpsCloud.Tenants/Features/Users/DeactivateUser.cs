using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>
/// <c>POST /users/{id}/deactivate</c>: the person can no longer sign in (the same answer as a wrong password)
/// and their sessions end at their next request. They head no department any more, their open cases go to
/// the owner, and their API keys are revoked when asked. Their account and their name on past work stay.
/// </summary>
internal static class DeactivateUser
{
    public sealed record Command(Guid Id, bool RevokeApiKeys, UserActor Actor) : IRequest<UserChangeOutcome>;

    public sealed class Handler(TenantsDbContext db, IMediator mediator, TimeProvider clock, IStringLocalizer<TenantsText> text, ApiKeyCache keys)
        : IRequestHandler<Command, UserChangeOutcome>
    {
        public async Task<UserChangeOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await UserRules.FindToTakeAccessFromAsync(db, command.Id, command.Actor, text, cancellationToken);
            var now = clock.GetUtcNow();
            if (!user.IsActive && !command.RevokeApiKeys) return new UserChangeOutcome(ListUsers.Handler.View(user, now), [], 0, 0, null);

            await UserRules.EnsureAnotherOwnerAsync(db, user, text, cancellationToken);
            user.DeactivatedAt ??= now;
            var outcome = await UserRules.ReduceAccessAsync(db, mediator, keys, user, UserChangeReasons.Deactivated, command.RevokeApiKeys, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return outcome with { User = ListUsers.Handler.View(user, now) };
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/deactivate", (Guid id, bool? revokeApiKeys, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new DeactivateUser.Command(id, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Deactivate a person: signing in is refused and their sessions end; they head no department and their open cases go to the owner; revokeApiKeys=true revokes the keys they created")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
