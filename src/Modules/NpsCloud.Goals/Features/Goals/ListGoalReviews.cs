using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

/// <summary><c>GET /goals/{id}/reviews</c>: the goal's review snapshots, newest first, one page.</summary>
internal static class ListGoalReviews
{
    public sealed record Query(Guid GoalId, int? Limit, string? Cursor) : IRequest<Page<GoalReviewView>>;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant) : IRequestHandler<Query, Page<GoalReviewView>>
    {
        public async Task<Page<GoalReviewView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, query.GoalId, cancellationToken);
            return (await db.Reviews.AsNoTracking().Where(r => r.GoalId == goal.Id)
                .PageAsync(r => r.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(GoalReviewView.Of);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/reviews", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListGoalReviews.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The goal's review snapshots, newest first, one page")
            .Produces<Page<GoalReviewView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
