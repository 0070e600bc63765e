using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages;

/// <summary>The short form that <see cref="RecentSignIn.Require"/> sends people to; it returns them to where they were.</summary>
[Authorize(Policy = AppPolicies.Member)]
[EnableRateLimiting(RateLimits.Login)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class ReauthenticateModel(IMediator mediator, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty]
    public SecretForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await mediator.Send(new Reauthenticate.Command(Form.Secret, HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted))
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/app");
        }

        ErrorMessage = text["Reauth.Failed"];
        Form.Secret = "";
        return Page();
    }

    public sealed class SecretForm
    {
        public string Secret { get; set; } = "";
    }
}
