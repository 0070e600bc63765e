using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Features.Goals;

namespace NpsCloud.Goals.Pages.Departments;

/// <summary>
/// The departments overview: each department the person may see with its current goals and their status.
/// A department head sees only their own; owners and admins also set the review cadence here.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class IndexModel(IMediator mediator, ITenantContext tenant) : FormPageModel
{
    public sealed record Row(DepartmentInfo Department, IReadOnlyList<GoalView> Goals);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public ReviewScheduleView Schedule { get; private set; } = null!;

    /// <summary>The next scheduled review in the company's time zone.</summary>
    public DateTime? NextReview { get; private set; }

    [BindProperty] public string? Cadence { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        if (!User.IsManager()) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new SetReviewSchedule.Command(Cadence), HttpContext.RequestAborted), formPrefix: "")) return RedirectToPage();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var departments = (await mediator.Send(new ListDepartmentInfos(), cancellationToken)).Where(d => tenant.CanSee(d.Id)).ToList();
        // One read of the current goals (already limited to what the person may see), shared out by department.
        var goals = (await mediator.Send(new ListGoals.Query(null, true, Paging.MaxLimit, null), cancellationToken)).Items.ToLookup(g => g.DepartmentId);
        Rows = departments.Select(d => new Row(d, goals[d.Id].ToList())).ToList();
        Schedule = await mediator.Send(new GetReviewSchedule.Query(), cancellationToken);
        Cadence ??= Schedule.Cadence;
        if (Schedule.NextReviewAt is { } next)
        {
            var zone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone;
            NextReview = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        }
    }
}
