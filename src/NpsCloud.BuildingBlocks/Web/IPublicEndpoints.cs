using Microsoft.AspNetCore.Routing;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// A module's public endpoints outside <c>/api/v1</c> (the web widget's script and answers): mapped by the
/// host at the root, without the API's authentication; each endpoint says who may call it.
/// Modules register theirs in their Add…Module method.
/// </summary>
public interface IPublicEndpoints
{
    void MapPublic(IEndpointRouteBuilder app);
}
