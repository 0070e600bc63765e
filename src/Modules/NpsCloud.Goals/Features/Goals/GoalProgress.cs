using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Scoring;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>How a goal is doing now, computed on every read (never stored: the answers keep coming).</summary>
/// <param name="Nps">The NPS of the period so far (null without answers).</param>
/// <param name="Gap">NPS minus target: negative while below it.</param>
/// <param name="ChangeSinceLastReview">The NPS now minus the NPS at the last review.</param>
/// <param name="ExpectedResponses">Answers by the period's end if they keep coming at the rate so far.</param>
internal sealed record GoalProgress(
    string Status,
    double? Nps,
    GoalProgress.Interval? Ci,
    long Responses,
    double? Gap,
    double? ChangeSinceLastReview,
    DateTimeOffset? LastReviewedAt,
    long? ExpectedResponses,
    int DaysLeft,
    DateOnly AsOf)
{
    public sealed record Interval(double Low, double High);
}

/// <summary>Measures goals against the Scoring module's rollups in the tenant's time zone.</summary>
internal sealed class GoalProgressReader(GoalsDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock)
{
    /// <summary>The local day it is now in the tenant's time zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone)).DateTime);
    }

    public async Task<GoalProgress> ReadAsync(Goal goal, DateOnly today, CancellationToken cancellationToken)
    {
        var lastReview = await db.Reviews.AsNoTracking().Where(r => r.GoalId == goal.Id)
            .OrderByDescending(r => r.ReviewedAt).FirstOrDefaultAsync(cancellationToken);
        var figure = await MeasureAsync(goal, today, cancellationToken);
        return Evaluate(goal, figure, lastReview, today);
    }

    /// <summary>The NPS of the goal's answers from its first day up to today (or its last day, when over).</summary>
    public async Task<NpsFigure> MeasureAsync(Goal goal, DateOnly today, CancellationToken cancellationToken)
    {
        var last = today < goal.PeriodEnd ? today : goal.PeriodEnd;
        if (last < goal.PeriodStart) return new NpsFigure(null, 0, 0, 0, 0, null, null);
        var measured = await mediator.Send(new MeasureNps(goal.PeriodStart, last.AddDays(1), goal.DepartmentId, goal.SurveyId, goal.Touchpoint), cancellationToken);
        return measured.Total;
    }

    public static GoalProgress Evaluate(Goal goal, NpsFigure figure, GoalReview? lastReview, DateOnly today)
    {
        var status = GoalStatus.Of(goal.PeriodStart, goal.PeriodEnd, goal.TargetNps, goal.MinResponses, figure.Responses, figure.Nps, figure.Low, figure.High, today);
        var days = goal.PeriodEnd.DayNumber - goal.PeriodStart.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - goal.PeriodStart.DayNumber + 1, 0, days);
        return new GoalProgress(
            status,
            figure.Nps,
            figure.Low is { } low && figure.High is { } high ? new GoalProgress.Interval(low, high) : null,
            figure.Responses,
            figure.Nps is { } nps ? Math.Round(nps - (double)goal.TargetNps, 1) : null,
            figure.Nps is { } now && lastReview?.Nps is { } then ? Math.Round(now - (double)then, 1) : null,
            lastReview?.ReviewedAt,
            elapsed == 0 ? null : (long)Math.Round(figure.Responses * (double)days / elapsed),
            days - elapsed,
            today < goal.PeriodEnd ? today : goal.PeriodEnd);
    }
}
