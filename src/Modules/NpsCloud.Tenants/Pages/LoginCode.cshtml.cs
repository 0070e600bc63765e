using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages;

/// <summary>The second step of signing in, for people with a second factor: a code from the app or a recovery code.</summary>
[EnableRateLimiting(RateLimits.Login)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class LoginCodeModel(IServiceScopeFactory scopes, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty]
    public CodeForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SecondFactor.ReadPendingAsync(HttpContext) is null ? LocalRedirect("/login?notice=code-expired") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await SecondFactor.ReadPendingAsync(HttpContext) is not { } pending) return LocalRedirect("/login?notice=code-expired");
        var command = new SignInWithCode.Command(pending.TenantId, pending.UserId, pending.Persistent, Form.Code, Form.RememberDevice,
            HttpContext.Connection.RemoteIpAddress?.ToString());
        if (await scopes.SendAsync(command, HttpContext.RequestAborted))
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/app/start");
        }

        ErrorMessage = text["LoginCode.Failed"];
        Form.Code = "";
        return Page();
    }

    public sealed class CodeForm
    {
        public string Code { get; set; } = "";
        public bool RememberDevice { get; set; }
    }
}
