using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Scoring.Features.Metrics;

namespace NpsCloud.Scoring;

internal sealed class ScoringEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var metrics = api.MapGroup("/metrics").WithTags("Metrics").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        GetMetrics.Map(metrics);
        ComparePeriods.Map(metrics);
    }
}
