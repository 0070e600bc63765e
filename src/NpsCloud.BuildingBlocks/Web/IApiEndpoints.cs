using Microsoft.AspNetCore.Routing;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// A module's REST endpoints, mapped by the host under <c>/api/v1</c> (behind authentication, error
/// handling and logging). Modules register theirs in their Add…Module method.
/// </summary>
public interface IApiEndpoints
{
    void Map(IEndpointRouteBuilder api);
}
