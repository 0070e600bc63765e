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
internal sealed class SettingsModel(IMediator mediator, ITenantContext tenant, ApiKeyRateLimiter apiLimits, CompanyTime time, Microsoft.Extensions.Localization.IStringLocalizer<TenantsText> text) : FormPageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public bool Saved { get; private set; }

    [TempData] public string? Flash { get; set; }

    /// <summary>The company's touchpoints (key, Turkish and English label).</summary>
    public IReadOnlyList<TouchpointLabel> TouchpointList { get; private set; } = [];

    [BindProperty]
    public TouchpointForm NewTouchpoint { get; set; } = new();

    /// <summary>The company's own sender address and its domain's proof; null while it sends from the platform address only.</summary>
    public SenderDomainView? SenderDomain { get; private set; }

    /// <summary>What the last "check" found: <c>verified</c>, <c>not-found</c> or <c>checks-off</c>.</summary>
    public string? CheckOutcome { get; private set; }

    /// <summary>The limit of a company that leaves the field empty.</summary>
    public int DefaultApiRequestsPerMinute => apiLimits.DefaultPerMinute;
    public int CeilingApiRequestsPerMinute => apiLimits.CeilingPerMinute;

    /// <summary>The zones to choose from (IANA ids, sorted by offset), keeping the one the form holds.</summary>
    public IReadOnlyList<(string Id, string Label)> TimeZones => time.Choices(Form.TimeZone);

    public async Task OnGetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        TouchpointList = (await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted)).Items;
        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted);
        SenderDomain = await mediator.Send(new GetSenderDomain.Query(), HttpContext.RequestAborted);
        Form = new SettingsForm
        {
            Locale = profile.Locale,
            TimeZone = profile.TimeZone,
            ThrottleDays = profile.ThrottleDays,
            FollowUpSlaHours = profile.FollowUpSlaHours,
            FollowUpPassives = profile.FollowUpPassives,
            FollowUpPromoters = profile.FollowUpPromoters,
            PromiseDetractorReply = profile.PromiseDetractorReply,
            ResurveyAfterResolutionDays = profile.ResurveyAfterResolutionDays,
            ApiRequestsPerMinute = profile.ApiRequestsPerMinute,
            SenderName = profile.SenderName ?? profile.Name,
            ReplyTo = profile.ReplyTo,
            SenderAddress = SenderDomain?.Address,
        };
    }

    public async Task<IActionResult> OnPostCheckDomainAsync()
    {
        CheckSenderDomain.Result? result = null;
        await TrySendAsync(async () => result = await mediator.Send(new CheckSenderDomain.Command(), HttpContext.RequestAborted));
        CheckOutcome = result?.Outcome;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTouchpointAsync()
    {
        // An empty field binds as null.
        var key = (NewTouchpoint.Key ?? "").Trim();
        if (await TrySendAsync(() => mediator.Send(new Touchpoints.Save(key, NewTouchpoint.LabelTr ?? "", NewTouchpoint.LabelEn ?? ""), HttpContext.RequestAborted), nameof(NewTouchpoint)))
        {
            Flash = text["Settings.TouchpointSaved", key];
            return RedirectToPage();
        }

        var entered = NewTouchpoint;
        await LoadAsync();
        NewTouchpoint = entered;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteTouchpointAsync(string key)
    {
        await mediator.Send(new DeleteTouchpoint.Delete(key ?? ""), HttpContext.RequestAborted);
        Flash = text["Settings.TouchpointDeleted", key ?? ""];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Saved = await TrySendAsync(() => mediator.Send(
            new TenantUpdateSettings(Form.Locale, Form.TimeZone, Form.ThrottleDays, Form.FollowUpSlaHours, Form.FollowUpPassives, Form.ResurveyAfterResolutionDays,
                Form.ApiRequestsPerMinute, Form.SenderName ?? "", Form.ReplyTo, Form.SenderAddress ?? "", Form.PromiseDetractorReply, Form.FollowUpPromoters),
            HttpContext.RequestAborted));
        SenderDomain = await mediator.Send(new GetSenderDomain.Query(), HttpContext.RequestAborted);
        TouchpointList = (await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted)).Items;
        return Page();
    }

    public sealed class TouchpointForm
    {
        public string Key { get; set; } = "";
        public string LabelTr { get; set; } = "";
        public string LabelEn { get; set; } = "";
    }

    public sealed class SettingsForm
    {
        public string Locale { get; set; } = "en";
        public string TimeZone { get; set; } = "UTC";
        public int ThrottleDays { get; set; }
        public int FollowUpSlaHours { get; set; }
        public bool FollowUpPassives { get; set; }
        public bool FollowUpPromoters { get; set; }
        public bool PromiseDetractorReply { get; set; }
        public int ResurveyAfterResolutionDays { get; set; }

        /// <summary>Empty follows the default (and keeps a limit already set, as the API's null does).</summary>
        public int? ApiRequestsPerMinute { get; set; }

        /// <summary>Empty goes back to the company's name.</summary>
        public string? SenderName { get; set; }

        /// <summary>Empty (or absent) keeps the address: a company always has one to reply to.</summary>
        public string? ReplyTo { get; set; }

        /// <summary>Empty sends from the platform address only.</summary>
        public string? SenderAddress { get; set; }
    }
}
