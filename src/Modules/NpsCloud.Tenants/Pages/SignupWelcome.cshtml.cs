using Microsoft.AspNetCore.Authorization;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Pages;

/// <summary>
/// After sign-up: the company is ready and its owner signed in (this is a request of its own, so the
/// header sees the session). The first step comes first; the admin API key, handed over by the sign-up in
/// TempData, is shown this once, for integrations, and can be skipped.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
[NoStore]
internal sealed class SignupWelcomeModel : FormPageModel
{
    public const string KeyItem = "signup.key";
    public const string CompanyItem = "signup.company";
    public const string EmailItem = "signup.email";

    /// <summary>The first admin key; null when the page is opened again (it is shown once).</summary>
    public string? CreatedKey { get; private set; }

    public string? Company { get; private set; }

    public string? Email { get; private set; }

    public void OnGet()
    {
        // Read (and so removed) at once: a reload or the back button never shows the key again.
        CreatedKey = TempData[KeyItem] as string;
        Company = TempData[CompanyItem] as string;
        Email = TempData[EmailItem] as string;
    }
}
