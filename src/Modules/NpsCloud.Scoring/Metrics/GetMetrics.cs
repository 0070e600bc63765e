using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Rollups;
using NpsCloud.Scoring.Statistics;

namespace NpsCloud.Scoring.Metrics;

/// <summary>The figures of one set of answers: the NPS, its parts and how sure it is.</summary>
internal record Figures
{
    /// <summary>Below this many answers a figure is flagged <c>lowSample</c>.</summary>
    public const int LowSampleSize = 30;

    public double? Nps { get; init; }
    public long Responses { get; init; }
    public long Promoters { get; init; }
    public long Passives { get; init; }
    public long Detractors { get; init; }
    public double? PromoterPercent { get; init; }
    public double? PassivePercent { get; init; }
    public double? DetractorPercent { get; init; }
    public IReadOnlyList<long> Distribution { get; init; } = [];
    public double? MarginOfError { get; init; }
    public Range? Ci { get; init; }
    public string Method { get; init; } = "";
    public double Confidence { get; init; }
    public bool LowSample { get; init; }

    /// <summary>The confidence interval.</summary>
    public sealed record Range(double Low, double High);

    public static T Of<T>(long[] distribution, IntervalMethod method, double confidence) where T : Figures, new()
    {
        var counts = CategoryCounts.FromDistribution(distribution);
        var estimate = NpsStatistics.Estimate(counts, method, confidence);
        return new T
        {
            Nps = estimate.Nps,
            Responses = counts.Total,
            Promoters = counts.Promoters,
            Passives = counts.Passives,
            Detractors = counts.Detractors,
            PromoterPercent = estimate.PromoterPercent,
            PassivePercent = estimate.PassivePercent,
            DetractorPercent = estimate.DetractorPercent,
            Distribution = distribution,
            MarginOfError = estimate.MarginOfError,
            Ci = estimate.Low is { } low && estimate.High is { } high ? new Range(low, high) : null,
            Method = GetMetrics.MethodName(method),
            Confidence = confidence,
            LowSample = counts.Total < LowSampleSize,
        };
    }
}

internal sealed record PeriodFigures : Figures
{
    public DateOnly PeriodStart { get; init; }
}

internal sealed record GroupFigures : Figures
{
    /// <summary>The department, survey id, touchpoint or channel; <c>none</c> for answers without one.</summary>
    public string Key { get; init; } = "";

    public string? Name { get; init; }
}

internal sealed record MetricsView : Figures
{
    public DateOnly Since { get; init; }
    public DateOnly Until { get; init; }
    public string? Interval { get; init; }
    public string? GroupBy { get; init; }
    public IReadOnlyList<PeriodFigures> Series { get; init; } = [];
    public IReadOnlyList<GroupFigures> Groups { get; init; } = [];
}

/// <summary>
/// <c>GET /metrics</c>: the NPS of the answers given on the local days [since, until) (the tenant's time
/// zone; default the last 30 days), filtered, optionally as a series by period and in groups. Read from
/// the rollups only, never from the responses.
/// </summary>
internal static class GetMetrics
{
    public const int DefaultDays = 30;
    public const int MaxDays = 5 * 366;
    public static readonly string[] GroupBys = ["department", "survey", "touchpoint", "channel"];
    public static readonly string[] Intervals = ["day", "week", "month", "quarter"];

    public sealed record Query(
        DateOnly? Since = null, DateOnly? Until = null, Guid? SurveyId = null, Guid? DepartmentId = null, string? Touchpoint = null,
        string? Channel = null, string? GroupBy = null, string? Interval = null, double? Confidence = null, string? Method = null) : IRequest<MetricsView>;

    public static string MethodName(IntervalMethod method) => method == IntervalMethod.Wald ? "wald" : "adjusted-wald";

    public sealed class Handler(ScoringDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Query, MetricsView>
    {
        public async Task<MetricsView> Handle(Query query, CancellationToken cancellationToken)
        {
            var (method, confidence) = Precision(query.Method, query.Confidence);
            if (query.GroupBy is { Length: > 0 } groupBy && !GroupBys.Contains(groupBy)) throw new RequestValidationException("groupBy", "Use department, survey, touchpoint or channel.");
            if (query.Interval is { Length: > 0 } interval && !Intervals.Contains(interval)) throw new RequestValidationException("interval", "Use day, week, month or quarter.");

            var (since, until) = await WindowAsync(mediator, tenant, clock, query.Since, query.Until, "since", "until", cancellationToken);

            var scores = await new Filter(query.SurveyId, query.DepartmentId, query.Touchpoint, query.Channel).ReadAsync(db, since, until, cancellationToken);

            var total = Sum(scores);
            var series = string.IsNullOrEmpty(query.Interval)
                ? []
                : scores.GroupBy(s => PeriodStart(s.Day, query.Interval)).OrderBy(g => g.Key)
                    .Select(g => Figures.Of<PeriodFigures>(Sum(g), method, confidence) with { PeriodStart = g.Key }).ToList();
            var groups = string.IsNullOrEmpty(query.GroupBy)
                ? []
                : await GroupsAsync(scores, query.GroupBy, method, confidence, cancellationToken);
            return Figures.Of<MetricsView>(total, method, confidence) with
            {
                Since = since, Until = until, Interval = query.Interval, GroupBy = query.GroupBy, Series = series, Groups = groups,
            };
        }

        private async Task<List<GroupFigures>> GroupsAsync(List<DailyScore> scores, string groupBy, IntervalMethod method, double confidence, CancellationToken cancellationToken)
        {
            Func<DailyScore, string?> key = groupBy switch
            {
                "department" => s => s.DepartmentId?.ToString(),
                "survey" => s => s.SurveyId.ToString(),
                "touchpoint" => s => s.Touchpoint,
                _ => s => s.Channel,
            };
            var names = groupBy switch
            {
                "department" => await DepartmentNamesAsync(scores, cancellationToken),
                "survey" => (await mediator.Send(new ListSurveyInfos(), cancellationToken)).ToDictionary(s => s.Id.ToString(), s => s.Name),
                _ => [],
            };
            return scores.GroupBy(s => key(s) ?? "none")
                .Select(g => Figures.Of<GroupFigures>(Sum(g), method, confidence) with { Key = g.Key, Name = names.GetValueOrDefault(g.Key) ?? (groupBy is "department" or "survey" ? null : g.Key) })
                .OrderByDescending(g => g.Responses).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Department names, archived departments included (their history still counts).</summary>
        private async Task<Dictionary<string, string>> DepartmentNamesAsync(List<DailyScore> scores, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string>();
            foreach (var id in scores.Where(s => s.DepartmentId is not null).Select(s => s.DepartmentId!.Value).Distinct())
            {
                if (await mediator.Send(new FindDepartment(id), cancellationToken) is { } department) names[id.ToString()] = department.Name;
            }

            return names;
        }
    }

    /// <summary>The interval method and confidence a request asks for (adjusted-Wald at 95% by default).</summary>
    public static (IntervalMethod Method, double Confidence) Precision(string? method, double? confidence)
    {
        var chosen = method switch
        {
            null or "" or "adjusted-wald" => IntervalMethod.AdjustedWald,
            "wald" => IntervalMethod.Wald,
            _ => throw new RequestValidationException("method", "Use wald or adjusted-wald."),
        };
        if (!NpsStatistics.Confidences.Contains(confidence ?? 0.95)) throw new RequestValidationException("confidence", "Use 0.90, 0.95 or 0.99.");
        return (chosen, confidence ?? 0.95);
    }

    /// <summary>The local days [since, until) asked for; by default the last 30 days up to today in the tenant's time zone.</summary>
    public static async Task<(DateOnly Since, DateOnly Until)> WindowAsync(
        IMediator mediator, ITenantContext tenant, TimeProvider clock, DateOnly? since, DateOnly? until, string sinceName, string untilName, CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone)).DateTime);
        var end = until ?? today.AddDays(1);
        var start = since ?? end.AddDays(-DefaultDays);
        if (start >= end) throw new RequestValidationException(untilName, $"{untilName} must be after {sinceName}.");
        if (end.DayNumber - start.DayNumber > MaxDays) throw new RequestValidationException(sinceName, $"Ask for at most {MaxDays} days at a time.");
        return (start, end);
    }

    /// <summary>The filters every metric takes, applied to the rollups of a window.</summary>
    public sealed record Filter(Guid? SurveyId, Guid? DepartmentId, string? Touchpoint, string? Channel)
    {
        public Task<List<DailyScore>> ReadAsync(ScoringDbContext db, DateOnly since, DateOnly until, CancellationToken cancellationToken)
        {
            var rows = db.DailyScores.AsNoTracking().Where(s => s.Day >= since && s.Day < until);
            if (SurveyId is { } surveyId) rows = rows.Where(s => s.SurveyId == surveyId);
            if (DepartmentId is { } departmentId) rows = rows.Where(s => s.DepartmentId == departmentId);
            if (!string.IsNullOrEmpty(Touchpoint)) rows = rows.Where(s => s.Touchpoint == Touchpoint);
            if (!string.IsNullOrEmpty(Channel)) rows = rows.Where(s => s.Channel == Channel);
            return rows.ToListAsync(cancellationToken);
        }
    }

    public static long[] Sum(IEnumerable<DailyScore> scores)
    {
        var sum = new long[11];
        foreach (var s in scores)
        {
            sum[0] += s.S0; sum[1] += s.S1; sum[2] += s.S2; sum[3] += s.S3; sum[4] += s.S4; sum[5] += s.S5;
            sum[6] += s.S6; sum[7] += s.S7; sum[8] += s.S8; sum[9] += s.S9; sum[10] += s.S10;
        }

        return sum;
    }

    /// <summary>The first day of the period a day falls in: itself, its ISO week's Monday, its month's or its quarter's first day.</summary>
    public static DateOnly PeriodStart(DateOnly day, string interval) => interval switch
    {
        "day" => day,
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "month" => new DateOnly(day.Year, day.Month, 1),
        "quarter" => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };
}
