using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Pages;

/// <summary>
/// The trial sign-up form: on success the owner is signed in and sent on to the welcome page
/// (<see cref="SignupWelcomeModel"/>), a new request that carries the session, with the first API key
/// handed over once in TempData.
/// </summary>
[EnableRateLimiting(RateLimits.SignUp)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
[NoStore]
internal sealed class SignupModel(IServiceScopeFactory scopes) : FormPageModel
{
    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    public void OnGet() => Form.Locale = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "tr" ? "tr" : "en";

    public async Task<IActionResult> OnPostAsync()
    {
        // A scope of its own: someone signed in to another company may sign up a new one.
        await using var scope = scopes.CreateAsyncScope();
        SignUp.Result? result = null;
        var sent = await TrySendAsync(async () => result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new SignUp.Command(Form.CompanyName, Form.Name, Form.Email, Form.Password, Form.Locale), HttpContext.RequestAborted));
        if (!sent) return Page();

        // The sign-up set the scope's tenant: the owner can be found and signed in straight away.
        var owner = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(Form.Email.Trim());
        if (owner is not null) await scope.ServiceProvider.GetRequiredService<SignInManager<User>>().SignInAsync(owner, isPersistent: false);
        TempData[SignupWelcomeModel.KeyItem] = result!.ApiKey;
        TempData[SignupWelcomeModel.CompanyItem] = Form.CompanyName.Trim();
        TempData[SignupWelcomeModel.EmailItem] = Form.Email.Trim();
        return RedirectToPage("/SignupWelcome");
    }

    public sealed class SignUpForm
    {
        public string CompanyName { get; set; } = "";
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public string Locale { get; set; } = "en";
    }
}
