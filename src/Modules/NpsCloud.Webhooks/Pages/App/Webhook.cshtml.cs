using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Features.Deliveries;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Pages.App;

/// <summary>One endpoint (owners and admins): its deliveries newest first, rotating the secret, enabling, deleting and redelivering.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
[NoStore]
internal sealed class WebhookModel(IMediator mediator, IStringLocalizer<WebhooksText> text) : FormPageModel
{
    [TempData] public string? Flash { get; set; }

    public WebhookView Endpoint { get; private set; } = null!;

    public Page<DeliveryView> Deliveries { get; private set; } = new([], null);

    /// <summary>The new secret after a rotation, shown in this answer only.</summary>
    public string? NewSecret { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? cursor) => ShowAsync(id, cursor);

    public async Task<IActionResult> OnPostRotateAsync(Guid id)
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        await TrySendAsync(async () => NewSecret = (await mediator.Send(new RotateWebhookSecret.Command(id), HttpContext.RequestAborted)).Secret);
        return await ShowAsync(id);
    }

    public Task<IActionResult> OnPostEnableAsync(Guid id) => ChangeAsync(id, "Webhook.EnabledFlash", () => mediator.Send(new EnableWebhook.Command(id), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostTestAsync(Guid id) => ChangeAsync(id, "Webhook.TestSentFlash", () => mediator.Send(new SendTestEvent.Command(id), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRedeliverAsync(Guid id, Guid deliveryId) =>
        ChangeAsync(id, "Webhook.RedeliverFlash", () => mediator.Send(new Redeliver.Command(id, deliveryId), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (await TrySendAsync(() => mediator.Send(new DeleteWebhook.Command(id), HttpContext.RequestAborted)))
        {
            Flash = text["Webhook.DeletedFlash"];
            return RedirectToPage("/App/Webhooks");
        }
        return await ShowAsync(id);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, string flash, Func<Task> change)
    {
        if (await TrySendAsync(change))
        {
            Flash = text[flash];
            return RedirectToPage(new { id });
        }
        return await ShowAsync(id);
    }

    /// <summary>The page (an unknown or another company's webhook is a 404).</summary>
    private async Task<IActionResult> ShowAsync(Guid id, string? cursor = null)
    {
        try
        {
            Endpoint = await mediator.Send(new GetWebhook.Query(id), HttpContext.RequestAborted);
            Deliveries = await mediator.Send(new ListDeliveries.Query(id, null, cursor), HttpContext.RequestAborted);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
