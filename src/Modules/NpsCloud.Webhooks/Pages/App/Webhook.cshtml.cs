using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Features;

namespace NpsCloud.Webhooks.Pages.App;

/// <summary>One endpoint (owners and admins): its deliveries newest first, rotating the secret, enabling, deleting and redelivering.</summary>
[Authorize(Policy = AppPolicies.Manager)]
internal sealed class WebhookModel(IMediator mediator) : FormPageModel
{
    public WebhookView Endpoint { get; private set; } = null!;

    public Page<DeliveryView> Deliveries { get; private set; } = new([], null);

    /// <summary>The new secret after a rotation, shown in this answer only.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? cursor) => await LoadAsync(id, cursor) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRotateAsync(Guid id)
    {
        await TrySendAsync(async () => NewSecret = (await mediator.Send(new RotateWebhookSecret.Command(id), HttpContext.RequestAborted)).Secret);
        return await LoadAsync(id, null) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostEnableAsync(Guid id) => ChangeAsync(id, () => mediator.Send(new EnableWebhook.Command(id), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRedeliverAsync(Guid id, Guid deliveryId) =>
        ChangeAsync(id, () => mediator.Send(new Redeliver.Command(id, deliveryId), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (await TrySendAsync(() => mediator.Send(new DeleteWebhook.Command(id), HttpContext.RequestAborted))) return RedirectToPage("/App/Webhooks");
        return await LoadAsync(id, null) ? Page() : NotFound();
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task> change)
    {
        if (await TrySendAsync(change)) return RedirectToPage(new { id });
        return await LoadAsync(id, null) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, string? cursor)
    {
        try
        {
            Endpoint = await mediator.Send(new GetWebhook.Query(id), HttpContext.RequestAborted);
            Deliveries = await mediator.Send(new ListDeliveries.Query(id, null, cursor), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
