using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages;

[EnableRateLimiting(RateLimits.PasswordReset)]
[NoStore]
internal sealed class ResetPasswordModel(IServiceScopeFactory scopes, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public new Guid User { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public PasswordForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var changed = false;
        if (!await TrySendAsync(async () => changed = await scopes.SendAsync(new ResetPassword.Command(User, Token, Form.Password), HttpContext.RequestAborted)))
        {
            return Page();
        }

        if (!changed)
        {
            ErrorMessage = text["Reset.Invalid"];
            return Page();
        }

        return LocalRedirect("/login?notice=reset");
    }

    public sealed class PasswordForm
    {
        public string Password { get; set; } = "";
    }
}
