using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Rollups;

/// <summary>
/// Keeps the rollups equal to the responses. Every change recomputes whole buckets from the responses
/// (through <see cref="CountResponseScores"/>) instead of adding or subtracting one: the result is the
/// same however often, and in whatever order, events arrive, and a score change moves its count between
/// scores by construction. Writers of one tenant take turns (a transaction-scoped advisory lock), so a
/// slower writer can never store counts older than a faster one's.
/// </summary>
internal sealed class RollupMaintenance(ScoringDbContext db, IMediator mediator, ITenantContext tenant)
{
    /// <summary>Local days reach at most 14 hours either side of UTC: the widened range the responses are read over.</summary>
    private static readonly TimeSpan Widest = TimeSpan.FromHours(14);

    /// <summary>
    /// Recomputes the rollups of the local days <paramref name="first"/>..<paramref name="last"/> (all days
    /// when null) of one survey (all when null). Runs in the caller's transaction, which it requires.
    /// </summary>
    public async Task RefreshAsync(DateOnly? first, DateOnly? last, Guid? surveyId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rollups are refreshed inside a transaction.");
        var tenantId = tenant.RequiredTenantId;
        // Waiting for another writer of the tenant, and replacing years of rows in a rebuild, can outlast the default timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(hashtextextended({"scoring.daily_scores:" + tenantId}, 0))", cancellationToken);

        var zone = await TimeZoneAsync(cancellationToken);
        DateTimeOffset? from = first is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - Widest : null;
        DateTimeOffset? until = last is { } l ? new DateTimeOffset(l.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + Widest : null;
        var buckets = (await mediator.Send(new CountResponseScores(zone, from, until, surveyId), cancellationToken))
            .Where(b => (first is null || b.Day >= first) && (last is null || b.Day <= last))
            .ToList();

        var stale = db.DailyScores.Where(s => true);
        if (first is { } firstDay) stale = stale.Where(s => s.Day >= firstDay);
        if (last is { } lastDay) stale = stale.Where(s => s.Day <= lastDay);
        if (surveyId is { } survey) stale = stale.Where(s => s.SurveyId == survey);
        await stale.ExecuteDeleteAsync(cancellationToken);

        db.DailyScores.AddRange(buckets.Select(b => new DailyScore
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(),
            Day = b.Day,
            SurveyId = b.SurveyId,
            DepartmentId = b.DepartmentId,
            Touchpoint = b.Touchpoint,
            Channel = b.Channel,
            S0 = b.Counts[0], S1 = b.Counts[1], S2 = b.Counts[2], S3 = b.Counts[3], S4 = b.Counts[4], S5 = b.Counts[5],
            S6 = b.Counts[6], S7 = b.Counts[7], S8 = b.Counts[8], S9 = b.Counts[9], S10 = b.Counts[10],
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await RefreshMonthsAsync(tenantId, first, last, surveyId, cancellationToken);
    }

    /// <summary>
    /// Recomputes the monthly rows of the months that hold the days <paramref name="first"/>..<paramref name="last"/>
    /// (all when null) from the daily rows, which are the source: a month is at most 31 days of buckets.
    /// </summary>
    private async Task RefreshMonthsAsync(Guid tenantId, DateOnly? first, DateOnly? last, Guid? surveyId, CancellationToken cancellationToken)
    {
        var since = first is { } f ? new DateOnly(f.Year, f.Month, 1) : DateOnly.MinValue;
        var until = last is { } l ? new DateOnly(l.Year, l.Month, 1).AddMonths(1) : DateOnly.MaxValue;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            delete from scoring.monthly_scores
             where tenant_id = {tenantId} and month >= {since} and month < {until} and ({surveyId}::uuid is null or survey_id = {surveyId});
            insert into scoring.monthly_scores
            select tenant_id, gen_random_uuid(), date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel,
                   sum(s0), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)
              from scoring.daily_scores
             where tenant_id = {tenantId} and day >= {since} and day < {until} and ({surveyId}::uuid is null or survey_id = {surveyId})
             group by tenant_id, date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel
            """, cancellationToken);
    }

    /// <summary>The local day of an instant in the tenant's time zone (the day its answer is counted on).</summary>
    public async Task<DateOnly> LocalDayAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await TimeZoneAsync(cancellationToken));
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }

    private async Task<string> TimeZoneAsync(CancellationToken cancellationToken) =>
        (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone;
}
