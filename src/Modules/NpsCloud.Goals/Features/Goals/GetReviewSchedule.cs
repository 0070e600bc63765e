using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

/// <summary><c>GET /goals/review-schedule</c>: the tenant's review cadence, weekly (the default) or monthly.</summary>
internal static class GetReviewSchedule
{
    public sealed record Query : IRequest<ReviewScheduleView>;

    public sealed class Handler(IReviewTriggers triggers) : IRequestHandler<Query, ReviewScheduleView>
    {
        public async Task<ReviewScheduleView> Handle(Query query, CancellationToken cancellationToken) => await ReviewScheduleView.OfAsync(triggers, cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/review-schedule", (IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetReviewSchedule.Query(), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("When goals are reviewed: weekly (Monday 09:00, the default) or monthly (the 1st, 09:00), in the company's time zone")
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .Produces<ReviewScheduleView>();
    }
}
