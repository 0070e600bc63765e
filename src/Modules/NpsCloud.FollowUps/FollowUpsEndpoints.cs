using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps;

/// <summary>The module's API: the <c>/follow-ups</c> group, each endpoint mapped by its use case.</summary>
internal sealed class FollowUpsEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var followUps = api.MapGroup("/follow-ups").WithTags("Follow-ups").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        ListCases.Map(followUps);
        GetFollowUpMetricsEndpoint.Map(followUps);
        GetCase.Map(followUps);
        AssignCase.Map(followUps);
        AddCaseNote.Map(followUps);
        ChangeCaseStatus.Map(followUps);
        ReplyToCase.Map(followUps);
        LogCaseCall.Map(followUps);
        MoveCase.Map(followUps);
    }
}
