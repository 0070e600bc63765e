using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>
/// <c>GET /follow-ups/metrics</c>: the endpoint of the Contracts query <see cref="GetFollowUpMetrics"/>, which
/// other modules send too; its handler is in ForOtherModules (GetFollowUpMetricsHandler).
/// </summary>
internal static class GetFollowUpMetricsEndpoint
{
    /// <summary>The metrics window when the request names none: the last 30 days.</summary>
    public static readonly TimeSpan DefaultMetricsWindow = TimeSpan.FromDays(30);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/metrics", (DateTimeOffset? since, DateTimeOffset? until, Guid? departmentId, TimeProvider clock, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var end = until ?? clock.GetUtcNow();
                return mediator.Send(new GetFollowUpMetrics(since ?? end - DefaultMetricsWindow, end, departmentId), cancellationToken);
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("How well the loop was closed for the cases opened in [since, until) (default: the last 30 days), of one department when named")
            .Produces<FollowUpMetrics>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
