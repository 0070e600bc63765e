using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.FollowUps.Features.Cases;
using NpsCloud.FollowUps.Features.Push;

namespace NpsCloud.FollowUps;

/// <summary>The module's API: the <c>/follow-ups</c> group, each endpoint mapped by its use case; and the push opt-in of the inbox page.</summary>
internal sealed class FollowUpsEndpoints : IApiEndpoints, IPublicEndpoints
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

    /// <summary>The inbox page's push opt-in: same origin, the session cookie and antiforgery, not part of the tenant API.</summary>
    public void MapPublic(IEndpointRouteBuilder app)
    {
        SubscribeToPush.Map(app);
        UnsubscribeFromPush.Map(app);
    }
}
