using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>PATCH with JSON Merge Patch: the merged goal is validated whole, like a new one.</summary>
internal static class UpdateGoal
{
    public sealed record Command(Guid Id, JsonObject Patch) : IRequest<GoalView>, ITenantWrite;

    public sealed class Handler(
        GoalsDbContext db, IMediator mediator, ITenantContext tenant, IValidator<GoalInput> validator, GoalViews views, IReviewTriggers triggers, TimeProvider clock)
        : IRequestHandler<Command, GoalView>
    {
        public async Task<GoalView> Handle(Command command, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, command.Id, cancellationToken, track: true);
            if (goal.ArchivedAt is not null) throw new ConflictException("An archived goal cannot be changed.");
            var input = JsonMergePatch.Merge(JsonMergePatch.From(GoalInput.From(goal)), command.Patch).As<GoalInput>();
            var validation = await validator.ValidateAsync(input, cancellationToken);
            if (!validation.IsValid) throw new RequestValidationException(validation.Errors);

            input.ApplyTo(goal);
            await GoalRules.CheckAsync(db, mediator, tenant, goal, cancellationToken);
            goal.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyAsync(goal, cancellationToken);
            return await views.ViewAsync(goal, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
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
    }
}
