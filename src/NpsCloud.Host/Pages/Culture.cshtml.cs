using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Pages;

/// <summary>The language switch: remembers the choice in the culture cookie for a year (antiforgery-checked POST).</summary>
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
public sealed class CultureModel(IOptions<RequestLocalizationOptions> localization, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var supported = localization.Value.SupportedUICultures?.Any(c => c.Name == culture) ?? false;
        if (supported)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        // Only back to a page of this site: an open redirect would let anyone borrow our domain.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
