using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Domain;
using NpsCloud.Scoring.Features.Metrics;

namespace NpsCloud.Scoring.Pages;

/// <summary>
/// The NPS dashboard: the score with its interval, its trend with the interval as a band, the shares of
/// the three categories over time, the 0..10 distribution with counts and the departments, each compared with the period before (an arrow only where the
/// change is significant). Server-rendered, SVG charts, readable without scripts.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class DashboardModel(IMediator mediator, ITenantContext tenant, TimeProvider clock) : FormPageModel
{
    public static readonly int[] PeriodDays = [30, 90, 365, 730];

    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 90;
    [BindProperty(SupportsGet = true)] public Guid? SurveyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Touchpoint { get; set; }

    public MetricsView Current { get; private set; } = null!;

    public IReadOnlyList<SurveyInfo> Surveys { get; private set; } = [];

    /// <summary>The company's touchpoints, the filter's choices by their labels.</summary>
    public TouchpointLabels Touchpoints { get; private set; } = TouchpointLabels.None;

    /// <summary>Each department's change against the period before, where it is significant.</summary>
    public Dictionary<string, double> SignificantChanges { get; } = [];

    public string Interval => Days > 120 ? "month" : "week";

    /// <summary>The periods the charts draw: the interval, the window asked for and today in the company's time zone (its period is still under way).</summary>
    public TrendChart.Window ChartWindow { get; private set; } = null!;

    /// <summary>Closing the loop for the cases opened in the last <see cref="Days"/> days (from the FollowUps module; a department head's departments only).</summary>
    public FollowUpMetrics FollowUps { get; private set; } = null!;

    /// <summary>What to do next when no answer is there to show: create a survey, send it, or wait for the first answers.</summary>
    public sealed record Next(string Step, string Href, string? SurveyName = null);

    /// <summary>Null once there are answers in the period.</summary>
    public Next? NextStep { get; private set; }

    public async Task OnGetAsync()
    {
        if (!PeriodDays.Contains(Days)) Days = 90;
        Surveys = await mediator.Send(new ListSurveyInfos(), HttpContext.RequestAborted);
        var touchpoint = string.IsNullOrWhiteSpace(Touchpoint) ? null : Touchpoint.Trim();
        Touchpoint = touchpoint;
        Touchpoints = await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted);
        var (_, until) = await RollupReader.WindowAsync(mediator, tenant, clock, null, null, "since", "until", HttpContext.RequestAborted);
        Current = await mediator.Send(new GetMetrics.Query(until.AddDays(-Days), until, SurveyId, null, touchpoint, null, "department", Interval), HttpContext.RequestAborted);
        // The window ends after today (the company's local date): the day before its end is today.
        ChartWindow = new TrendChart.Window(Interval, Current.Since, Current.Until, until.AddDays(-1));
        var previous = await mediator.Send(new GetMetrics.Query(until.AddDays(-2 * Days), until.AddDays(-Days), SurveyId, null, touchpoint, null, "department"), HttpContext.RequestAborted);
        NextStep = NextStepFor(Current, Surveys);
        var now = clock.GetUtcNow();
        FollowUps = await mediator.Send(new GetFollowUpMetrics(now.AddDays(-Days), now, null), HttpContext.RequestAborted);
        foreach (var group in Current.Groups)
        {
            if (previous.Groups.FirstOrDefault(p => p.Key == group.Key) is not { } before) continue;
            var comparison = NpsStatistics.Compare(new CategoryCounts(before.Promoters, before.Passives, before.Detractors), new CategoryCounts(group.Promoters, group.Passives, group.Detractors));
            if (comparison.Significant && comparison.Delta is { } delta) SignificantChanges[group.Key] = delta;
        }
    }

    public static Next? NextStepFor(MetricsView current, IReadOnlyList<SurveyInfo> surveys)
    {
        if (current.Responses > 0) return null;
        if (surveys.Count == 0) return new Next("Create", "/app/surveys/edit");
        var survey = surveys.FirstOrDefault(s => s.Status == "active") ?? surveys[0];
        return current.ResponseRate.Sent == 0
            ? new Next("Send", $"/app/surveys/{survey.Id}", survey.Name)
            : new Next("Wait", $"/app/surveys/{survey.Id}", survey.Name);
    }

    /// <summary>A score as the reader's language writes it (a comma in Turkish).</summary>
    public static string Number(double? value) => TrendChart.Number(value);
}
