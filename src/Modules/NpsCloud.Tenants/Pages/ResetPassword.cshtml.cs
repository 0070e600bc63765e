using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages;

[EnableRateLimiting(RateLimits.PasswordReset)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
[NoStore]
internal sealed class ResetPasswordModel(IServiceScopeFactory scopes, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public new Guid User { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public PasswordForm Form { get; set; } = new();

    /// <summary>The link cannot be used: the page says so and shows no form.</summary>
    public bool LinkInvalid { get; private set; }

    public void OnGet(bool failed = false)
    {
        if (!failed) return;
        ErrorMessage = text["Reset.Invalid"];
        LinkInvalid = true;
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
            // The same answer for every failure (unknown user, garbage, used or expired token): one redirect
            // to one address, whose page echoes nothing of the link.
            return LocalRedirect("/reset-password?failed=true");
        }

        return LocalRedirect("/login?notice=reset");
    }

    public sealed class PasswordForm
    {
        public string Password { get; set; } = "";
    }
}
