using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <summary>
/// Revoking works even after the trial: shutting a leaked key is never a paid feature. This host forgets
/// its copy of the key at once; the others hear of it from the database (<see cref="ApiKeyCache"/>).
/// </summary>
internal static class RevokeApiKey
{
    public sealed record Command(Guid Id) : IRequest;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock, ApiKeyCache keys) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("The API key");
            key.RevokedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            keys.Forget(key.Id);
            return MediatR.Unit.Value;
        }
    }

    /// <summary>
    /// Revokes (in the caller's unit of work) every active key the person created; answers how many. This
    /// host's copies go now, so the next request after the commit reads the key again; a request that reads
    /// it before the commit is answered by the commit's own notification.
    /// </summary>
    public static async Task<int> CreatedByAsync(TenantsDbContext db, ApiKeyCache cache, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.Where(k => k.CreatedBy == userId && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            key.RevokedAt = now;
            cache.Forget(key.Id);
        }

        return keys.Count;
    }

    /// <summary>How many active keys the person created (the confirmation offers to revoke them).</summary>
    public static Task<int> CountCreatedByAsync(TenantsDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.ApiKeys.CountAsync(k => k.CreatedBy == userId && k.RevokedAt == null, cancellationToken);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RevokeApiKey.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .WithSummary("Revoke an API key; it is refused from the next request on")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
