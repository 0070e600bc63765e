using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Scoring.Metrics;

internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/metrics", ([AsParameters] GetMetrics.Query query, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(query, cancellationToken))
            .WithTags("Metrics")
            .WithDepartmentRule(DepartmentAccess.FilteredByDepartment)
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("NPS with its confidence interval over local days [since, until) (default the last 30), filtered; series by interval and groups by groupBy")
            .Produces<MetricsView>()
            .ProducesValidationProblem();

        api.MapGet("/metrics/compare", ([AsParameters] ComparePeriods.Query query, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(query, cancellationToken))
            .WithTags("Metrics")
            .WithDepartmentRule(DepartmentAccess.FilteredByDepartment)
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Period b against period a (aSince, aUntil, bSince, bUntil; same filters): delta, its interval, p-value and significance")
            .Produces<ComparisonView>()
            .ProducesValidationProblem();
    }
}
