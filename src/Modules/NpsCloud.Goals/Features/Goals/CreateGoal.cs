using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary><c>POST /goals</c>: a new goal, checked against its department, survey and the goals it could overlap.</summary>
internal static class CreateGoal
{
    public sealed class Handler(GoalsDbContext db, IMediator mediator, ITenantContext tenant, GoalViews views, IReviewTriggers triggers, TimeProvider clock)
        : IRequestHandler<GoalInput, GoalView>
    {
        public async Task<GoalView> Handle(GoalInput input, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var goal = new Goal { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now };
            input.ApplyTo(goal);
            await GoalRules.CheckAsync(db, mediator, tenant, goal, cancellationToken);
            db.Goals.Add(goal);
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyAsync(goal, cancellationToken);
            return await views.ViewAsync(goal, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (GoalInput input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(input, cancellationToken);
                return Results.Created($"/api/v1/goals/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Create a goal: departmentId, targetNps (-100..100), periodStart, periodEnd (local days, both included), minResponses (default 30), surveyId?, touchpoint?")
            .Produces<GoalView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
