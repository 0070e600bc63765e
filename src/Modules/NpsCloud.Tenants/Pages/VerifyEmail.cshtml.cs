using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Pages;

/// <summary>The link of the verification email: GET only asks, the button's POST verifies.</summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class VerifyEmailModel(IServiceScopeFactory scopes, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public bool Verified { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Verified = await scopes.SendAsync(new VerifyEmail.Command(Token), HttpContext.RequestAborted);
        if (!Verified) ErrorMessage = text["Verify.Invalid"];
        return Page();
    }
}
