using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>DELETE archives: the goal and its reviews stay readable, it is no longer reviewed.</summary>
internal static class ArchiveGoal
{
    public sealed record Command(Guid Id) : IRequest<GoalView>, ITenantWrite;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant, GoalViews views, IReviewTriggers triggers, TimeProvider clock) : IRequestHandler<Command, GoalView>
    {
        public async Task<GoalView> Handle(Command command, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, command.Id, cancellationToken, track: true);
            if (goal.ArchivedAt is null)
            {
                goal.ArchivedAt = clock.GetUtcNow();
                goal.UpdatedAt = goal.ArchivedAt.Value;
                await db.SaveChangesAsync(cancellationToken);
                await triggers.ApplyAsync(goal, cancellationToken);
            }

            return await views.ViewAsync(goal, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new ArchiveGoal.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Archive a goal: it stays readable with its reviews and is no longer reviewed")
            .Produces<GoalView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
