using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.Pages.App;

[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class SettingsModel(IMediator mediator, ITenantContext tenant, ApiKeyRateLimiter apiLimits) : FormPageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public bool Saved { get; private set; }

    /// <summary>The limit of a company that leaves the field empty.</summary>
    public int DefaultApiRequestsPerMinute => apiLimits.DefaultPerMinute;
    public int CeilingApiRequestsPerMinute => apiLimits.CeilingPerMinute;

    public async Task OnGetAsync()
    {
        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted);
        Form = new SettingsForm
        {
            Locale = profile.Locale,
            TimeZone = profile.TimeZone,
            ThrottleDays = profile.ThrottleDays,
            FollowUpSlaHours = profile.FollowUpSlaHours,
            FollowUpPassives = profile.FollowUpPassives,
            ResurveyAfterResolutionDays = profile.ResurveyAfterResolutionDays,
            ApiRequestsPerMinute = profile.ApiRequestsPerMinute,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Saved = await TrySendAsync(() => mediator.Send(
            new TenantUpdateSettings(Form.Locale, Form.TimeZone, Form.ThrottleDays, Form.FollowUpSlaHours, Form.FollowUpPassives, Form.ResurveyAfterResolutionDays,
                Form.ApiRequestsPerMinute),
            HttpContext.RequestAborted));
        return Page();
    }

    public sealed class SettingsForm
    {
        public string Locale { get; set; } = "en";
        public string TimeZone { get; set; } = "UTC";
        public int ThrottleDays { get; set; }
        public int FollowUpSlaHours { get; set; }
        public bool FollowUpPassives { get; set; }
        public int ResurveyAfterResolutionDays { get; set; }

        /// <summary>Empty follows the default (and keeps a limit already set, as the API's null does).</summary>
        public int? ApiRequestsPerMinute { get; set; }
    }
}
