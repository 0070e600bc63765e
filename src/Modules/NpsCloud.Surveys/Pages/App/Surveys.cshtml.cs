using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class SurveysModel(IMediator mediator, ITenantContext tenant) : PageModel
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public List<SurveyView> Surveys { get; private set; } = [];

    public bool CanManage => User.IsManager();

    /// <summary>A moment as the company's clocks show it.</summary>
    public string Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _zone).ToString("d MMM yyyy HH:mm");

    public async Task OnGetAsync()
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).TimeZone);
        Surveys = await mediator.Send(new ListSurveys.Query(), HttpContext.RequestAborted);
    }
}
