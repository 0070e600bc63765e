using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Pages.App;

[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
[NoStore]
internal sealed class ApiKeysModel(IMediator mediator, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [TempData] public string? Flash { get; set; }

    [BindProperty]
    public KeyForm Form { get; set; } = new();

    public List<ApiKeyView> Keys { get; private set; } = [];

    /// <summary>Shown in this answer only; a reload no longer has it.</summary>
    public CreatedApiKey? Created { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        await TrySendAsync(async () => Created = await mediator.Send(new CreateApiKey.Command(Form.Name, Form.Scopes), HttpContext.RequestAborted));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await TrySendAsync(() => mediator.Send(new RevokeApiKey.Command(id), HttpContext.RequestAborted)))
        {
            Flash = text["ApiKeys.RevokedFlash"];
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Keys = await mediator.Send(new ListApiKeys.Query(), HttpContext.RequestAborted);

    public sealed class KeyForm
    {
        public string Name { get; set; } = "";
        public string[] Scopes { get; set; } = [];
    }
}
