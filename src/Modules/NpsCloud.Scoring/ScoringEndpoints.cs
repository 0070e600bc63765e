using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Scoring.Features.Metrics;

namespace NpsCloud.Scoring;

internal sealed class ScoringEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        // No route group: the metrics endpoints were always mapped on the API root, and a group would reorder the OpenAPI document.
        GetMetrics.Map(api);
        ComparePeriods.Map(api);
    }
}
