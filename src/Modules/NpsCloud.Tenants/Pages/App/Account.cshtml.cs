using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages.App;

/// <summary>The signed-in person's own account: change the password, and a way to the second factor.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class AccountModel(IMediator mediator) : FormPageModel
{
    [BindProperty]
    public PasswordForm Form { get; set; } = new();

    public bool Changed { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public async Task OnGetAsync(bool changed = false)
    {
        Changed = changed;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var command = new ChangePassword.Command(Form.CurrentPassword, Form.NewPassword, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (await TrySendAsync(() => mediator.Send(command, HttpContext.RequestAborted))) return LocalRedirect("/app/account?changed=true");
        Form = new PasswordForm();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => TwoFactorEnabled = (await mediator.Send(new GetTwoFactorSetup.Query(PrepareKey: false), HttpContext.RequestAborted)).Enabled;

    public sealed class PasswordForm
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
    }
}
