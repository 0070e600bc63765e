using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// <c>DELETE /responses/{id}</c>: an owner or admin (or an admin-scoped key that sees every department) removes a
/// wrong answer with its notes. A counted answer reports <see cref="Contracts.Responses.ResponseDeleted"/>: the
/// rollups take it out, its case closes, webhooks send <c>response.deleted</c>. The link it came from may answer again.
/// </summary>
internal static class DeleteResponse
{
    public sealed record Command(Guid Id) : IRequest, IManagersOnly;

    public sealed class Handler(ResponsesDbContext db, TimeProvider clock) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Locked, so two deletions at once find it once: the second waits and then finds nothing (404),
            // and a change to the answer cannot report a score the deletion has already taken out.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await db.Responses.FromSql($"select * from responses.responses where id = {command.Id} for update")
                .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The response");
            db.Responses.Remove(response);
            if (!response.SuspectedAutomation) db.Publish(response.Deleted(clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Delete a wrong answer and its notes (admin scope); the rollups, its follow-up case and webhooks (response.deleted) follow")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
