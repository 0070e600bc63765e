using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>
/// <c>DELETE /users/{id}</c>: the account is deleted (its address may be invited again). Like deactivating:
/// no headships left, open cases to the owner, API keys revoked when asked; other modules keep their records
/// of the person's past work by id.
/// </summary>
internal static class RemoveUser
{
    public sealed record Command(Guid Id, bool RevokeApiKeys, UserActor Actor) : IRequest<UserChangeOutcome>;

    public sealed class Handler(TenantsDbContext db, IMediator mediator, TimeProvider clock, IStringLocalizer<TenantsText> text, ApiKeyCache keys)
        : IRequestHandler<Command, UserChangeOutcome>
    {
        public async Task<UserChangeOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await UserRules.FindToTakeAccessFromAsync(db, command.Id, command.Actor, text, cancellationToken);
            await UserRules.EnsureAnotherOwnerAsync(db, user, text, cancellationToken);

            var outcome = await UserRules.ReduceAccessAsync(db, mediator, keys, user, UserChangeReasons.Removed, command.RevokeApiKeys, clock.GetUtcNow(), cancellationToken);
            db.Users.Remove(user);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                throw new NotFoundException("The user"); // removed by a concurrent request
            }

            return outcome;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", (Guid id, bool? revokeApiKeys, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RemoveUser.Command(id, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Remove a person's account; as deactivating, and the address may be invited again; revokeApiKeys=true revokes the keys they created")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
