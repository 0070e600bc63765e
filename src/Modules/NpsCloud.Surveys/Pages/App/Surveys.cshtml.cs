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
internal sealed class SurveysModel(IMediator mediator, CompanyTime time) : PageModel
{
    public List<SurveyView> Surveys { get; private set; } = [];

    public bool CanManage => User.IsManager();

    /// <summary>A moment as the company's clocks show it.</summary>
    public string Local(DateTimeOffset moment) => time.Format(moment);

    public async Task OnGetAsync()
    {
        Surveys = await mediator.Send(new ListSurveys.Query(), HttpContext.RequestAborted);
    }
}
