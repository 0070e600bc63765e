using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
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

    /// <summary>Of the invitations sent in the window (of the survey, when filtered by one), how many were answered.</summary>
    public ResponseRateView ResponseRate { get; init; } = new(0, 0, null);
}

internal sealed record ResponseRateView(int Sent, int Responded, double? Percent);

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

            var buckets = await new Filter(query.SurveyId, query.DepartmentId, query.Touchpoint, query.Channel)
                .ReadAsync(db, tenant, since, until, query.Interval, query.GroupBy, cancellationToken);

            var series = string.IsNullOrEmpty(query.Interval)
                ? []
                : buckets.GroupBy(b => b.Period!.Value).OrderBy(g => g.Key)
                    .Select(g => Figures.Of<PeriodFigures>(Sum(g), method, confidence) with { PeriodStart = g.Key }).ToList();
            var groups = string.IsNullOrEmpty(query.GroupBy)
                ? []
                : await GroupsAsync(buckets, query.GroupBy, method, confidence, cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone);
            var rate = await mediator.Send(new CountInvitationResponses(StartOf(since, zone), StartOf(until, zone), query.SurveyId), cancellationToken);
            return Figures.Of<MetricsView>(Sum(buckets), method, confidence) with
            {
                Since = since, Until = until, Interval = query.Interval, GroupBy = query.GroupBy, Series = series, Groups = groups,
                ResponseRate = new ResponseRateView(rate.Sent, rate.Responded, rate.Rate),
            };
        }

        private async Task<List<GroupFigures>> GroupsAsync(List<Bucket> buckets, string groupBy, IntervalMethod method, double confidence, CancellationToken cancellationToken)
        {
            var names = groupBy switch
            {
                "department" => await DepartmentNamesAsync(buckets, cancellationToken),
                "survey" => (await mediator.Send(new ListSurveyInfos(), cancellationToken)).ToDictionary(s => s.Id.ToString(), s => s.Name),
                _ => [],
            };
            return buckets.GroupBy(b => b.Group ?? "none")
                .Select(g => Figures.Of<GroupFigures>(Sum(g), method, confidence) with { Key = g.Key, Name = names.GetValueOrDefault(g.Key) ?? (groupBy is "department" or "survey" ? null : g.Key) })
                .OrderByDescending(g => g.Responses).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Department names, archived departments included (their history still counts): one request, and one more per archived one.</summary>
        private async Task<Dictionary<string, string>> DepartmentNamesAsync(List<Bucket> buckets, CancellationToken cancellationToken)
        {
            var names = (await mediator.Send(new ListDepartmentInfos(), cancellationToken)).ToDictionary(d => d.Id.ToString(), d => d.Name);
            foreach (var id in buckets.Select(b => b.Group).Distinct())
            {
                if (id is null || names.ContainsKey(id) || !Guid.TryParse(id, out var departmentId)) continue;
                if (await mediator.Send(new FindDepartment(departmentId), cancellationToken) is { } archived) names[id] = archived.Name;
            }

            return names;
        }
    }

    /// <summary>The instant a local day starts in a time zone (an hour later where that midnight does not exist).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(midnight)) midnight = midnight.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
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

    /// <summary>The counts of the scores 0..10 of one period (when asked for) and one group (when asked for).</summary>
    public sealed class Bucket
    {
        public DateOnly? Period { get; init; }
        public string? Group { get; init; }

        /// <summary>How many answered 0, 1, ... 10.</summary>
        public required long[] Counts { get; init; }
    }

    /// <summary>
    /// The filters every metric takes. The rollups of the window are summed in the database, by period and
    /// group when asked: the whole local months of the window from the monthly rows and the days before and
    /// after them from the daily rows, so 24 months by 20 departments reads a few thousand rows.
    /// </summary>
    public sealed record Filter(Guid? SurveyId, Guid? DepartmentId, string? Touchpoint, string? Channel)
    {
        public Task<List<Bucket>> ReadAsync(
            ScoringDbContext db, ITenantContext tenant, DateOnly since, DateOnly until, string? interval, string? groupBy, CancellationToken cancellationToken)
        {
            var tenantId = tenant.RequiredTenantId;
            // Both come from fixed lists (checked by the caller), never from the request's text.
            var period = interval is { Length: > 0 } ? $"date_trunc('{Intervals.Single(i => i == interval)}', day)::date" : "null::date";
            var group = groupBy switch
            {
                "department" => "department_id::text",
                "survey" => "survey_id::text",
                "touchpoint" => "touchpoint",
                "channel" => "channel",
                _ => "null::text",
            };
            var (firstMonth, endMonth) = WholeMonths(since, until, interval);
            var sql = new StringBuilder($"""
                select {period} as period, {group} as "group",
                       array[sum(s0), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)]::bigint[] as counts
                  from (select day, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10
                          from scoring.daily_scores
                         where tenant_id = @tenant and day >= @since and day < @until and (day < @firstMonth or day >= @endMonth)
                        union all
                        select month, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10
                          from scoring.monthly_scores
                         where tenant_id = @tenant and month >= @firstMonth and month < @endMonth) as rollup
                 where true
                """);
            var parameters = new List<object>
            {
                new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenantId },
                new NpgsqlParameter("since", NpgsqlDbType.Date) { Value = since },
                new NpgsqlParameter("until", NpgsqlDbType.Date) { Value = until },
                new NpgsqlParameter("firstMonth", NpgsqlDbType.Date) { Value = firstMonth },
                new NpgsqlParameter("endMonth", NpgsqlDbType.Date) { Value = endMonth },
            };
            void Where(string condition, string name, NpgsqlDbType type, object? value)
            {
                if (value is null or "") return;
                sql.Append(" and ").Append(condition);
                parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            }

            Where("survey_id = @survey", "survey", NpgsqlDbType.Uuid, SurveyId);
            Where("department_id = @department", "department", NpgsqlDbType.Uuid, DepartmentId);
            Where("touchpoint = @touchpoint", "touchpoint", NpgsqlDbType.Text, Touchpoint);
            Where("channel = @channel", "channel", NpgsqlDbType.Text, Channel);
            // A department head's figures cover their departments only.
            Where("department_id = any(@visible)", "visible", NpgsqlDbType.Array | NpgsqlDbType.Uuid, tenant.VisibleDepartments?.ToArray());
            sql.Append(" group by 1, 2");
            return db.Database.SqlQueryRaw<Bucket>(sql.ToString(), parameters.ToArray()).ToListAsync(cancellationToken);
        }

        /// <summary>
        /// The whole local months [first, end) inside [since, until), read from the monthly rows; empty (first =
        /// end) when there are none, or for a series by day or week, whose periods do not fall on month starts.
        /// </summary>
        public static (DateOnly First, DateOnly End) WholeMonths(DateOnly since, DateOnly until, string? interval)
        {
            var first = since.Day == 1 ? since : new DateOnly(since.Year, since.Month, 1).AddMonths(1);
            var end = new DateOnly(until.Year, until.Month, 1);
            return interval is "day" or "week" || end <= first ? (since, since) : (first, end);
        }
    }

    public static long[] Sum(IEnumerable<Bucket> buckets)
    {
        var sum = new long[11];
        foreach (var bucket in buckets)
        {
            for (var score = 0; score <= 10; score++) sum[score] += bucket.Counts[score];
        }

        return sum;
    }
}
