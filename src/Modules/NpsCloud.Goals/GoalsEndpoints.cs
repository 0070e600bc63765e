using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Goals.Features.Goals;

namespace NpsCloud.Goals;

/// <summary>The module's API: the <c>/goals</c> group, each endpoint mapped by its use case.</summary>
internal sealed class GoalsEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var goals = api.MapGroup("/goals").WithTags("Goals").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        ListGoals.Map(goals);
        CreateGoal.Map(goals);
        GetGoal.Map(goals);
        UpdateGoal.Map(goals);
        ArchiveGoal.Map(goals);
        ListGoalReviews.Map(goals);
        ReviewGoals.Map(goals);
        GetReviewSchedule.Map(goals);
        SetReviewSchedule.Map(goals);
    }
}
