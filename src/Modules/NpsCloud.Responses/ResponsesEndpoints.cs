using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Features.Import;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses;

internal sealed class ResponsesEndpoints : IApiEndpoints
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
    }
}
