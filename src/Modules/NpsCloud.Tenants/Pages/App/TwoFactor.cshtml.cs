using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;
using QRCoder;

namespace NpsCloud.Tenants.Pages.App;

/// <summary>
/// Set up the second factor (QR code drawn here as SVG, or the key typed by hand), see and renew recovery
/// codes, turn it off (after a recent sign-in), and for owners: require it for the whole company.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
[NoStore]
internal sealed class TwoFactorModel(IMediator mediator, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty]
    public CodeForm Form { get; set; } = new();

    public GetTwoFactorSetup.Setup Setup { get; private set; } = null!;

    public string? QrCodeSvg { get; private set; }

    /// <summary>Shown in this answer only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The person was sent here because the company requires the second factor.</summary>
    public bool Required { get; private set; }

    public async Task OnGetAsync(string? notice, bool required = false)
    {
        Required = required;
        Notice = notice switch
        {
            "disabled" => text["TwoFactor.Disabled"].Value,
            "company" => text["TwoFactor.CompanySaved"].Value,
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        IReadOnlyList<string>? codes = null;
        if (await TrySendAsync(async () => codes = await mediator.Send(new EnableTwoFactor.Command(Form.Code), HttpContext.RequestAborted)))
        {
            RecoveryCodes = codes;
            Notice = text["TwoFactor.Enabled"];
        }

        Form = new CodeForm();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        RecoveryCodes = await mediator.Send(new RenewRecoveryCodes.Command(), HttpContext.RequestAborted);
        Notice = text["TwoFactor.NewCodesMade"];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(bool confirmed)
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        if (!confirmed)
        {
            ErrorMessage = text["TwoFactor.DisableNotConfirmed"];
            await LoadAsync();
            return Page();
        }

        await mediator.Send(new DisableTwoFactor.Command(), HttpContext.RequestAborted);
        return LocalRedirect("/app/account/two-factor?notice=disabled");
    }

    public async Task<IActionResult> OnPostCompanyAsync(bool required)
    {
        if (await TrySendAsync(() => mediator.Send(new RequireTwoFactorForCompany.Command(required), HttpContext.RequestAborted)))
        {
            return LocalRedirect("/app/account/two-factor?notice=company");
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The key in groups of four, as people copy it into an app.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(chunk => new string(chunk)));

    private async Task LoadAsync()
    {
        Setup = await mediator.Send(new GetTwoFactorSetup.Query(), HttpContext.RequestAborted);
        if (Setup.Key is { } key)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(SecondFactor.AuthenticatorUri(Setup.Email, key), QRCodeGenerator.ECCLevel.M);
            QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
        }
    }

    public sealed class CodeForm
    {
        public string Code { get; set; } = "";
    }
}
