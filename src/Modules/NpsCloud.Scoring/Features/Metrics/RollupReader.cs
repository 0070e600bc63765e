using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Scoring.Features.Metrics;

/// <summary>
/// How every metric reads the rollups (<c>GET /metrics</c>, <c>GET /metrics/compare</c>, the dashboard and
/// the NPS other modules measure): the window of local days asked for, the filters, the buckets summed in
/// the database, and their sums. Read from the rollups only, never from the responses.
/// </summary>
internal static class RollupReader
{
    public const int DefaultDays = 30;
    public const int MaxDays = 5 * 366;
    public static readonly string[] Intervals = ["day", "week", "month", "quarter"];

    /// <summary>The instant a local day starts in a time zone (an hour later where that midnight does not exist).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(midnight)) midnight = midnight.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
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
            // Rollup rows are kept when their counts fall back to zero (an answer's change handled before
            // the answer itself): a period or group of such rows holds no answer and is left out.
            sql.Append(" group by 1, 2 having sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10) <> 0");
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
