using MediatR;
using Microsoft.AspNetCore.Authorization;
using NpsCloud.BuildingBlocks.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

[Authorize(Policy = AppPolicies.Member)]
internal sealed class SurveysModel(IMediator mediator) : PageModel
{
    public List<SurveyView> Surveys { get; private set; } = [];

    public async Task OnGetAsync() => Surveys = await mediator.Send(new ListSurveys.Query(), HttpContext.RequestAborted);
}
