using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Features.Import;
using NpsCloud.Responses.Features.Responses;
using NpsCloud.Responses.Features.WidgetAnswers;

namespace NpsCloud.Responses;

internal sealed class ResponsesEndpoints : IApiEndpoints, IPublicEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var responses = api.MapGroup("/responses").WithTags("Responses").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        ListResponses.Map(responses);
        ExportResponses.Map(responses);
        GetResponse.Map(responses);
        RecordResponse.Map(responses);
        ImportResponses.Map(responses);
        AddTags.Map(responses);
        RemoveTags.Map(responses);
        AddNote.Map(responses);
        DeleteResponse.Map(responses);
    }

    /// <summary>The web widget's answers, at the site's root: public, CORS per widget, rate-limited per widget and client.</summary>
    public void MapPublic(IEndpointRouteBuilder app)
    {
        SubmitWidgetAnswer.Map(app);
        AddWidgetComment.Map(app);
    }
}
