using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.Tenants.Domain;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Pages;

/// <summary>Signing out is a POST (antiforgery-checked), so a link on another site cannot sign anyone out.</summary>
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class LogoutModel(SignInManager<User> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/app");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/login?notice=signed-out");
    }
}
