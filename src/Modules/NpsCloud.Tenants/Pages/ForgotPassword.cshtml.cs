using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages;

/// <summary>The same answer for every address, registered or not.</summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class ForgotPasswordModel(IServiceScopeFactory scopes) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email))
        {
            await scopes.SendAsync(new RequestPasswordReset.Command(Email), HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
