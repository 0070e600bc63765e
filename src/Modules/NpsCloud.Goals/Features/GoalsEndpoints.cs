using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Reviews;

namespace NpsCloud.Goals.Features;

internal static class GoalsEndpoints
{
    public sealed record CadenceBody(string? Cadence);

    public static void Map(IEndpointRouteBuilder api)
    {
        var goals = api.MapGroup("/goals").WithTags("Goals").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);

        goals.MapGet("", async (Guid? departmentId, bool? active, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListGoals.Query(departmentId, active, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Goals with their progress (departmentId, active); cursor pagination")
            .ProducesValidationProblem();

        goals.MapPost("", async (GoalInput input, IMediator mediator, CancellationToken cancellationToken) =>
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

        goals.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetGoal.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One goal with its progress")
            .Produces<GoalView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        goals.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
                body.ValueKind == JsonValueKind.Object
                    ? await mediator.Send(new UpdateGoal.Command(id, JsonObject.Create(body)!), cancellationToken)
                    : throw new RequestValidationException("body", "Send a JSON object."))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change a goal (JSON Merge Patch: absent fields stay, null clears)")
            .Accepts<GoalInput>("application/merge-patch+json", "application/json")
            .Produces<GoalView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        goals.MapDelete("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new ArchiveGoal.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Archive a goal: it stays readable with its reviews and is no longer reviewed")
            .Produces<GoalView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        goals.MapGet("/{id:guid}/reviews", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListGoalReviews.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The goal's review snapshots, newest first, one page")
            .Produces<Page<GoalReviewView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        goals.MapPost("/{id:guid}/reviews", async (Guid id, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
                Results.Created($"/api/v1/goals/{id}/reviews", (await mediator.Send(new ReviewGoals.Command(clock.GetUtcNow(), ReviewKinds.Manual, id), cancellationToken)).Single()))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Review the goal now: stores a snapshot and emails the department head a digest")
            .WithIdempotencyKey()
            .Produces<GoalReviewView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        goals.MapGet("/review-schedule", (IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new ReviewSchedule.Get(), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("When goals are reviewed: weekly (Monday 09:00, the default) or monthly (the 1st, 09:00), in the company's time zone")
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .Produces<ReviewScheduleView>();

        goals.MapPut("/review-schedule", (CadenceBody body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ReviewSchedule.Set(body.Cadence), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Set the review cadence ({\"cadence\": \"weekly\"} or \"monthly\")")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Produces<ReviewScheduleView>()
            .ProducesValidationProblem();
    }
}
