using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Scoring;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Features.Goals;

namespace NpsCloud.Goals.Pages.Departments;

/// <summary>
/// One department: its goals with progress and status, the NPS trend of the current goal's period against
/// the target with the interval as a band, open and overdue follow-ups and the latest detractor comments.
/// Another department's page answers 404 to a department head, as another tenant's does.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class DepartmentModel(IMediator mediator, ITenantContext tenant, GoalProgressReader progress, TimeProvider clock, IStringLocalizer<GoalsText> text) : FormPageModel
{
    [TempData] public string? Flash { get; set; }

    public const int Comments = 5;

    public DepartmentInfo Department { get; private set; } = null!;

    public IReadOnlyList<GoalView> Goals { get; private set; } = [];

    /// <summary>The company's touchpoints: the goals' by their labels, the form's choices.</summary>
    public TouchpointLabels Touchpoints { get; private set; } = TouchpointLabels.None;

    /// <summary>The goal the trend is drawn against: the first one in progress, else the latest.</summary>
    public GoalView? Focus { get; private set; }

    public IReadOnlyList<NpsPeriod> Trend { get; private set; } = [];

    /// <summary>The weeks the trend draws: the window asked for and today in the company's time zone (its week is still under way).</summary>
    public TrendChart.Window TrendWindow { get; private set; } = null!;

    /// <summary>What to do while the department has no answers in the period: create its survey or send it.</summary>
    public sealed record Next(string Step, string Href, string? SurveyName = null);

    public Next? NextStep { get; private set; }

    public DepartmentFollowUps FollowUps { get; private set; } = null!;

    /// <summary>How well the loop was closed for the department's cases of the last 90 days.</summary>
    public FollowUpMetrics LoopClosing { get; private set; } = null!;

    public const int LoopClosingDays = 90;

    public IReadOnlyList<LatestComment> LatestComments { get; private set; } = [];

    /// <summary>Owners, admins and department heads set goals; viewers only read.</summary>
    public bool CanEdit => User.CanWork();

    [BindProperty] public GoalForm Form { get; set; } = new();

    public sealed class GoalForm
    {
        public decimal? TargetNps { get; set; }
        public DateOnly? PeriodStart { get; set; }
        public DateOnly? PeriodEnd { get; set; }
        public int? MinResponses { get; set; } = Goal.DefaultMinResponses;
        public string? Touchpoint { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(Guid id)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        if (await TrySendAsync(() => mediator.Send(new GoalInput(id, Form.TargetNps, Form.PeriodStart, Form.PeriodEnd, Form.MinResponses, Touchpoint: Form.Touchpoint), HttpContext.RequestAborted)))
        {
            Flash = text["Goal.CreatedFlash"];
            return RedirectToPage(new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, Guid goalId)
    {
        if (!CanEdit) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new ArchiveGoal.Command(goalId), HttpContext.RequestAborted)))
        {
            Flash = text["Goal.ArchivedFlash"];
            return RedirectToPage(new { id });
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid goalId)
    {
        if (!CanEdit) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new ReviewGoals.Command(clock.GetUtcNow(), ReviewKinds.Manual, goalId), HttpContext.RequestAborted)))
        {
            Flash = text["Goal.ReviewedFlash"];
            return RedirectToPage(new { id });
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!tenant.CanSee(id) || await mediator.Send(new FindDepartment(id), cancellationToken) is not { } department) return false;
        Department = department;
        Goals = (await mediator.Send(new ListGoals.Query(id, null, Paging.MaxLimit, null), cancellationToken)).Items
            .Where(g => !g.Archived).OrderByDescending(g => g.PeriodStart).ToList();
        Touchpoints = await mediator.Send(new ListTouchpoints(), cancellationToken);
        var today = await progress.TodayAsync(cancellationToken);
        Focus = Goals.FirstOrDefault(g => g.PeriodStart <= today && g.PeriodEnd >= today) ?? Goals.FirstOrDefault();
        var (since, until) = Focus is { } goal ? (goal.PeriodStart, goal.PeriodEnd.AddDays(1)) : (today.AddDays(-26 * 7), today.AddDays(1));
        Trend = (await mediator.Send(new MeasureNps(since, until, id, Focus?.SurveyId, Focus?.Touchpoint, "week"), cancellationToken)).Series
            .Where(p => p.Figure.Nps is not null).ToList();
        TrendWindow = new TrendChart.Window("week", since, until, today);
        if (Trend.Count == 0)
        {
            // Nothing to chart: point at the department's survey to send, or at creating one.
            var survey = (await mediator.Send(new ListSurveyInfos(), cancellationToken)).Where(s => s.DepartmentId == id)
                .OrderByDescending(s => s.Status == "active").FirstOrDefault();
            NextStep = survey is null ? new Next("Create", $"/app/surveys/edit?departmentId={id}") : new Next("Send", $"/app/surveys/{survey.Id}", survey.Name);
        }

        var now = clock.GetUtcNow();
        FollowUps = (await mediator.Send(new CountFollowUps([id], now), cancellationToken)).FirstOrDefault() ?? new DepartmentFollowUps(id, 0, 0);
        LoopClosing = await mediator.Send(new GetFollowUpMetrics(now.AddDays(-LoopClosingDays), now, id), cancellationToken);
        LatestComments = await mediator.Send(new ListLatestComments(id, NpsCategories.Detractor, Comments), cancellationToken);
        if (Form.PeriodStart is null)
        {
            Form.PeriodStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
            Form.PeriodEnd = Form.PeriodStart.Value.AddMonths(3).AddDays(-1);
        }

        return true;
    }
}
