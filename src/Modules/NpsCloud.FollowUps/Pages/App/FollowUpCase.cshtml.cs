using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.Pages.App;

/// <summary>
/// One case: the answer and the person, the status buttons the case allows, notes and the full history.
/// Another department's case (for a department head) is a 404, like another tenant's. Viewers read only.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class FollowUpCaseModel(IMediator mediator, ITenantContext tenant) : FormPageModel
{
    public CaseDetail Detail { get; private set; } = null!;

    public SurveyInfo? Survey { get; private set; }

    public DepartmentInfo? Department { get; private set; }

    /// <summary>The status changes this case allows now (one button each).</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];

    [BindProperty] public string? NewNote { get; set; }

    [BindProperty] public string? Outcome { get; set; }

    public bool CanWork => User.CanWork();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(Guid id) =>
        await ChangeAsync(id, () => mediator.Send(new AddCaseNote.Command(id, NewNote, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string status) =>
        await ChangeAsync(id, () => mediator.Send(new ChangeCaseStatus.Command(id, status, Outcome, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted));

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task> change)
    {
        if (!CanWork) return Forbid();
        if (await TrySendAsync(change, formPrefix: "")) return RedirectToPage(new { id });
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Detail = await mediator.Send(new GetCase.Query(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Survey = await mediator.Send(new FindSurvey(Detail.Case.SurveyId), HttpContext.RequestAborted);
        if (Detail.Case.DepartmentId is { } departmentId) Department = await mediator.Send(new FindDepartment(departmentId), HttpContext.RequestAborted);
        var status = new FollowUpCase { Kind = Detail.Case.Kind, Status = Detail.Case.Status, FirstContactedAt = Detail.Case.FirstContactedAt, EscalatedAt = Detail.Case.EscalatedAt };
        Actions = CaseTransitions.AllowedFrom(status).ToList();
        return true;
    }
}
