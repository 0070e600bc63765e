using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Audience;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.OpenLinks;
using NpsCloud.Surveys.Features.PromoterSteps;
using NpsCloud.Surveys.Features.Requests;
using NpsCloud.Surveys.Features.Segments;
using NpsCloud.Surveys.Features.Sending;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Features.Widgets;

namespace NpsCloud.Surveys;

internal sealed class SurveysEndpoints : IApiEndpoints, IPublicEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        // A survey belongs to its department; a contact is visible through the surveys that reach it.
        var surveys = api.MapGroup("/surveys").WithTags("Surveys").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        ListSurveysPage.Map(surveys);
        CreateSurvey.Map(surveys);
        GetSurvey.Map(surveys);
        UpdateSurvey.Map(surveys);
        ChangeSurveyStatus.Map(surveys);
        GetSurveyStats.Map(surveys);
        ListNonResponders.Map(surveys);
        ListMembers.Map(surveys);
        AddMembers.Map(surveys);
        RemoveMembers.Map(surveys);
        ImportMembers.Map(surveys);
        GetAudience.Map(surveys);
        SetAudience.Map(surveys);
        RequestSurvey.Map(surveys);
        CancelRequests.Map(surveys);
        SendTest.Map(surveys);
        SendWaveNow.Map(surveys);
        ListWidgets.Map(surveys);
        CreateWidget.Map(surveys);
        GetOpenLink.Map(surveys);
        SetOpenLink.Map(surveys);
        RenewOpenLinkAddress.Map(surveys);
        DrawOpenLinkQr.Map(surveys);

        var widgets = api.MapGroup("/widgets").WithTags("Widgets").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        GetWidget.Map(widgets);
        UpdateWidget.Map(widgets);
        DeleteWidget.Map(widgets);

        var contacts = api.MapGroup("/contacts").WithTags("Contacts").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        UpsertContact.Map(contacts);
        ListContacts.Map(contacts);
        GetContact.Map(contacts);
        UpdateContact.Map(contacts);
        EraseContact.Map(contacts);
        UnsubscribeContact.Map(contacts);
        ImportContacts.Map(contacts);

        // A segment is the company's (conditions over all its contacts): owners, admins and tenant-wide keys only.
        var segments = api.MapGroup("/segments").WithTags("Segments").WithDepartmentRule(DepartmentAccess.ManagersOnly);
        ListSegments.Map(segments);
        CreateSegment.Map(segments);
        GetSegment.Map(segments);
        UpdateSegment.Map(segments);
        DeleteSegment.Map(segments);
        PreviewSegment.Map(segments);
    }

    /// <summary>The web widget's script and the promoters' counting redirect, at the site's root (outside the API and its keys).</summary>
    public void MapPublic(IEndpointRouteBuilder app)
    {
        ServeWidgetScript.Map(app);
        FollowPromoterStep.Map(app);
    }
}
