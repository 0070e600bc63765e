using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Features.ChatChannels;
using NpsCloud.Webhooks.Features.Deliveries;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks;

/// <summary>The module's API: the <c>/webhooks</c> and <c>/chat-channels</c> groups (owners and admins only), each endpoint mapped by its use case.</summary>
internal sealed class WebhooksEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").WithDepartmentRule(DepartmentAccess.ManagersOnly);
        CreateWebhook.Map(webhooks);
        ListWebhooks.Map(webhooks);
        GetWebhook.Map(webhooks);
        DeleteWebhook.Map(webhooks);
        RotateWebhookSecret.Map(webhooks);
        EnableWebhook.Map(webhooks);
        SendTestEvent.Map(webhooks);
        ListDeliveries.Map(webhooks);
        GetDelivery.Map(webhooks);
        Redeliver.Map(webhooks);

        var chatChannels = api.MapGroup("/chat-channels").WithTags("Chat alerts").WithDepartmentRule(DepartmentAccess.ManagersOnly);
        CreateChatChannel.Map(chatChannels);
        ListChatChannels.Map(chatChannels);
        DeleteChatChannel.Map(chatChannels);
        SendChatTest.Map(chatChannels);
    }
}
