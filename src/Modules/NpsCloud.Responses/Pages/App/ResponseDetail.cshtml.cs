using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Pages.App;

/// <summary>
/// One response: the answer, who gave it and where, its tags and the team's notes. Viewers read; everyone else may
/// tag and annotate; owners and admins may delete it, after a confirmation step (<c>?confirm=delete</c>) that needs no script.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class ResponseDetailModel(IMediator mediator, Microsoft.Extensions.Localization.IStringLocalizer<ResponsesText> text) : FormPageModel
{
    public ResponseView Answer { get; private set; } = null!;

    public SurveyInfo? Survey { get; private set; }

    public DepartmentInfo? Department { get; private set; }

    /// <summary>The company's touchpoints, so the answer's shows by its label.</summary>
    public TouchpointLabels Touchpoints { get; private set; } = TouchpointLabels.None;

    [BindProperty] public string? NewTag { get; set; }

    [BindProperty] public string? NewNote { get; set; }

    public bool CanWork => User.CanWork();

    public bool CanDelete => User.IsManager();

    /// <summary>The page asks to confirm the deletion before its button sends it.</summary>
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }

    public bool ConfirmingDelete => CanDelete && Confirm == "delete";

    /// <summary>Shown once on the responses list after the deletion.</summary>
    [TempData] public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTagAsync(Guid id) =>
        await ChangeAsync(id, () => mediator.Send(new AddTags.Command(id, [NewTag ?? ""]), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostUntagAsync(Guid id, string tag) =>
        await ChangeAsync(id, () => mediator.Send(new RemoveTags.Command(id, [tag]), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostNoteAsync(Guid id) =>
        await ChangeAsync(id, () => mediator.Send(new AddNote.Command(id, AddNote.Author(User), NewNote), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!CanDelete) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var score = Answer.Score;
        if (!await TrySendAsync(() => mediator.Send(new DeleteResponse.Command(id), HttpContext.RequestAborted), formPrefix: "")) return Page();
        Flash = text["Response.Deleted", score].Value;
        return RedirectToPage("/App/Responses");
    }

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
        if (Answer.Touchpoint is not null) Touchpoints = await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted);
        return true;
    }
}
