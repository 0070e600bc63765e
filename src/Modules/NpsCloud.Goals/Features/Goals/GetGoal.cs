using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

/// <summary><c>GET /goals/{id}</c>: one goal with its progress.</summary>
internal static class GetGoal
{
    public sealed record Query(Guid Id) : IRequest<GoalView>;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant, GoalViews views) : IRequestHandler<Query, GoalView>
    {
        public async Task<GoalView> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAsync(await GoalRules.FindAsync(db, tenant, query.Id, cancellationToken), cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetGoal.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One goal with its progress")
            .Produces<GoalView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
