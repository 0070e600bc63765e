using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.Pages.App;

/// <summary>
/// One case: the answer and the person, their earlier answers and cases, and everything a person who works
/// on it can do: reply by email, log a call, note, change the status, reassign, move to another department
/// (after a confirmation). Every change ends in a confirmation message. Another department's case (for a
/// department head) is a 404, like another tenant's; a head who moved a case out of their departments is
/// sent back to the inbox with a message saying so. Viewers read only.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class FollowUpCaseModel(IMediator mediator, ITenantContext tenant, IStringLocalizer<FollowUpsText> text) : FormPageModel
{
    public CaseDetail Detail { get; private set; } = null!;

    public SurveyInfo? Survey { get; private set; }

    public DepartmentInfo? Department { get; private set; }

    /// <summary>The status changes this case allows now (one button each).</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];

    /// <summary>Who the case may be given to: owners, admins and heads of its department.</summary>
    public IReadOnlyList<UserInfo> Workers { get; private set; } = [];

    /// <summary>All the company's departments (not archived, also those the person does not look after), for the move form and for naming departments in the history.</summary>
    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    [TempData] public string? Flash { get; set; }

    [BindProperty] public string? NewNote { get; set; }

    [BindProperty] public string? Outcome { get; set; }

    public sealed class ReplyForm
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    public sealed class CallForm
    {
        public string? Note { get; set; }
        public string? Outcome { get; set; }
    }

    public sealed class MoveForm
    {
        public Guid? DepartmentId { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty, ValidateNever] public ReplyForm Reply { get; set; } = new();

    [BindProperty, ValidateNever] public CallForm Call { get; set; } = new();

    [BindProperty, ValidateNever] public MoveForm Move { get; set; } = new();

    [BindProperty] public Guid? AssignTo { get; set; }

    /// <summary>The department a move asks to confirm (set when the move form was sent without confirming).</summary>
    public DepartmentInfo? MoveTarget { get; private set; }

    public bool CanWork => User.CanWork();

    /// <summary>Whether the person can be written to (an anonymous or erased person has no address).</summary>
    public bool CanReply => Detail.Contact?.Email is not null;

    public string DepartmentName(Guid? id) => id is null ? "—" : Departments.FirstOrDefault(d => d.Id == id)?.Name ?? (id == Department?.Id ? Department!.Name : "—");

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostNoteAsync(Guid id) =>
        ChangeAsync(id, "", async () =>
        {
            await mediator.Send(new AddCaseNote.Command(id, NewNote, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted);
            return text["Flash.Note"];
        });

    public Task<IActionResult> OnPostStatusAsync(Guid id, string status) =>
        ChangeAsync(id, "", async () =>
        {
            var changed = await mediator.Send(new ChangeCaseStatus.Command(id, status, Outcome, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted);
            return text["Flash.Status", text[$"Status.{changed.Status}"]];
        });

    public Task<IActionResult> OnPostReplyAsync(Guid id) =>
        ChangeAsync(id, nameof(Reply), async () =>
        {
            var sent = await mediator.Send(new ReplyToCase.Command(id, Reply.Subject, Reply.Body, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted);
            return text["Flash.Reply", sent.Recipient ?? ""];
        });

    public Task<IActionResult> OnPostCallAsync(Guid id) =>
        ChangeAsync(id, nameof(Call), async () =>
        {
            var call = await mediator.Send(new LogCaseCall.Command(id, Call.Note, string.IsNullOrEmpty(Call.Outcome) ? null : Call.Outcome, CaseRules.ActorOf(User, tenant)),
                HttpContext.RequestAborted);
            return text["Flash.Call", text[$"CallOutcome.{call.CallOutcome}"]];
        });

    public Task<IActionResult> OnPostAssignAsync(Guid id) =>
        ChangeAsync(id, "", async () =>
        {
            var assigned = await mediator.Send(new AssignCase.Command(id, AssignTo, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted);
            return text["Flash.Assigned", assigned.AssigneeName ?? ""];
        });

    /// <summary>The move form: first a confirmation (what happens, and whether the person loses the case), then the move.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, bool confirmed)
    {
        if (!CanWork) return Forbid();
        if (!confirmed)
        {
            if (!await LoadAsync(id)) return NotFound();
            if (Move.DepartmentId is null) ModelState.AddModelError("Move.DepartmentId", text["Validation.DepartmentRequired"]);
            if (string.IsNullOrWhiteSpace(Move.Reason)) ModelState.AddModelError("Move.Reason", text["Validation.MoveReasonRequired"]);
            if (ModelState.ErrorCount == 0) MoveTarget = Departments.FirstOrDefault(d => d.Id == Move.DepartmentId);
            if (MoveTarget is null && ModelState.ErrorCount == 0) ModelState.AddModelError("Move.DepartmentId", text["Validation.DepartmentRequired"]);
            return Page();
        }

        Guid? before;
        try
        {
            before = (await mediator.Send(new GetCase.Query(id), HttpContext.RequestAborted)).Case.AssigneeUserId;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        CaseView? moved = null;
        if (!await TrySendAsync(async () => moved = await mediator.Send(new MoveCase.Command(id, Move.DepartmentId, Move.Reason, CaseRules.ActorOf(User, tenant)), HttpContext.RequestAborted),
                nameof(Move)))
        {
            return await LoadAsync(id) ? Page() : NotFound();
        }

        var to = moved!.DepartmentId;
        var department = (await mediator.Send(new ListEveryDepartment(), HttpContext.RequestAborted)).FirstOrDefault(d => d.Id == to)?.Name ?? "";
        var assignee = moved.AssigneeName ?? text["Case.Unassigned"].Value;
        if (tenant.CanSee(moved.DepartmentId))
        {
            // Nobody is alerted when the case stays with the same person (they head both departments).
            Flash = moved.AssigneeUserId == before ? text["Flash.MovedStays", department, assignee] : text["Flash.Moved", department, assignee];
            return RedirectToPage(new { id });
        }

        Flash = text["Flash.MovedAway", department, assignee];
        return RedirectToPage("/App/FollowUps");
    }

    /// <summary>Whether a head who moves the case to this department would no longer see it.</summary>
    public bool LosesSightOf(DepartmentInfo department) => !tenant.CanSee(department.Id);

    private async Task<IActionResult> ChangeAsync(Guid id, string formPrefix, Func<Task<string>> change)
    {
        if (!CanWork) return Forbid();
        string? message = null;
        if (await TrySendAsync(async () => message = await change(), formPrefix))
        {
            Flash = message;
            return RedirectToPage(new { id });
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        try
        {
            Detail = await mediator.Send(new GetCase.Query(id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Survey = await mediator.Send(new FindSurvey(Detail.Case.SurveyId), cancellationToken);
        if (Detail.Case.DepartmentId is { } departmentId) Department = await mediator.Send(new FindDepartment(departmentId), cancellationToken);
        Departments = await mediator.Send(new ListEveryDepartment(), cancellationToken);
        if (CanWork) Workers = await mediator.Send(new ListUsersWhoMayWorkOn(Detail.Case.DepartmentId), cancellationToken);
        var status = new FollowUpCase { Kind = Detail.Case.Kind, Status = Detail.Case.Status, FirstContactedAt = Detail.Case.FirstContactedAt, EscalatedAt = Detail.Case.EscalatedAt };
        Actions = CaseTransitions.AllowedFrom(status).ToList();
        return true;
    }
}
