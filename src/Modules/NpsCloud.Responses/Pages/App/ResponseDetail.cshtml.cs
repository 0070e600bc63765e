using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Pages.App;

/// <summary>One response: the answer, who gave it and where, its tags and the team's notes. Viewers read; everyone else may tag and annotate.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class ResponseDetailModel(IMediator mediator) : FormPageModel
{
    public ResponseView Answer { get; private set; } = null!;

    public SurveyInfo? Survey { get; private set; }

    public DepartmentInfo? Department { get; private set; }

    [BindProperty] public string? NewTag { get; set; }

    [BindProperty] public string? NewNote { get; set; }

    public bool CanWork => User.CanWork();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTagAsync(Guid id) =>
        await ChangeAsync(id, () => mediator.Send(new AddTags.Command(id, [NewTag ?? ""]), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostUntagAsync(Guid id, string tag) =>
        await ChangeAsync(id, () => mediator.Send(new RemoveTags.Command(id, [tag]), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostNoteAsync(Guid id) =>
        await ChangeAsync(id, () => mediator.Send(new AddNote.Command(id, AddNote.Author(User), NewNote), HttpContext.RequestAborted));

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
            Answer = await mediator.Send(new GetResponse.Query(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Survey = await mediator.Send(new FindSurvey(Answer.SurveyId), HttpContext.RequestAborted);
        if (Answer.DepartmentId is { } departmentId) Department = await mediator.Send(new FindDepartment(departmentId), HttpContext.RequestAborted);
        return true;
    }
}
