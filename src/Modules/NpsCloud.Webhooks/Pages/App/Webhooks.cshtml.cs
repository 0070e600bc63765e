using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Pages.App;

/// <summary>The company's webhook endpoints (owners and admins): add one, see its secret once, open one for its deliveries.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
[NoStore]
internal sealed class WebhooksModel(IMediator mediator) : FormPageModel
{
    [TempData] public string? Flash { get; set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public IReadOnlyList<WebhookView> Endpoints { get; private set; } = [];

    /// <summary>Shown in this answer only, with its secret; a reload no longer has it.</summary>
    public WebhookView? Created { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        if (await TrySendAsync(async () => Created = await mediator.Send(new CreateWebhook.Command(Form.Url, Form.Events, Form.Description), HttpContext.RequestAborted)))
        {
            Form = new WebhookForm();
        }

        await LoadAsync();
        return Page();
    }

    // A company has at most 20 endpoints, so one page holds them all.
    private async Task LoadAsync() => Endpoints = (await mediator.Send(new ListWebhooks.Query(WebhookEndpoint.MaxPerTenant, null), HttpContext.RequestAborted)).Items;

    public sealed class WebhookForm
    {
        public string? Url { get; set; }
        public string? Description { get; set; }
        public string[] Events { get; set; } = WebhookEventTypes.All;
    }
}
