using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>The body of <c>PUT /goals/review-schedule</c> (named as the OpenAPI document has always named it).</summary>
internal sealed record GoalsCadenceBody(string? Cadence);

/// <summary><c>PUT /goals/review-schedule</c>: sets the tenant's review cadence, weekly (the default) or monthly; the triggers follow.</summary>
internal static class SetReviewSchedule
{
    public sealed record Command(string? Cadence) : IRequest<ReviewScheduleView>, ITenantWrite;

    public sealed class Handler(GoalsDbContext db, IReviewTriggers triggers, TimeProvider clock) : IRequestHandler<Command, ReviewScheduleView>
    {
        public async Task<ReviewScheduleView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Cadence is not { } cadence || !ReviewCadences.All.Contains(cadence)) throw new RequestValidationException("cadence", "Use weekly or monthly.");
            var settings = await db.ReviewSettings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null) db.ReviewSettings.Add(settings = new ReviewSettings { Cadence = cadence });
            settings.Cadence = cadence;
            settings.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyScheduleAsync(cancellationToken);
            return await ReviewScheduleView.OfAsync(triggers, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/review-schedule", (GoalsCadenceBody body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new SetReviewSchedule.Command(body.Cadence), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Set the review cadence ({\"cadence\": \"weekly\"} or \"monthly\")")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Produces<ReviewScheduleView>()
            .ProducesValidationProblem();
    }
}
