using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Pages;

[EnableRateLimiting(RateLimits.Login)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class LoginModel(IServiceScopeFactory scopes, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty]
    public LoginForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Notice { get; private set; }

    public void OnGet(string? notice) => Notice = notice switch
    {
        "reset" => text["Login.PasswordChanged"].Value,
        "signed-out" => text["Login.SignedOut"].Value,
        "code-expired" => text["Login.CodeExpired"].Value,
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync()
    {
        var command = new Features.Accounts.SignIn.Command(Form.Email, Form.Password, Form.Remember, HttpContext.Connection.RemoteIpAddress?.ToString());
        var outcome = await scopes.SendAsync(command, HttpContext.RequestAborted);
        var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/app/start";
        switch (outcome)
        {
            case Features.Accounts.SignIn.Outcome.SignedIn:
                return LocalRedirect(back);
            case Features.Accounts.SignIn.Outcome.SecondFactorRequired:
                return LocalRedirect("/login/code?returnUrl=" + Uri.EscapeDataString(back));
            default:
                // One answer for a wrong password, an unknown address and a back-off: nothing to tell them apart.
                ErrorMessage = text["Login.Failed"];
                Form.Password = "";
                return Page();
        }
    }

    public sealed class LoginForm
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public bool Remember { get; set; }
    }
}
