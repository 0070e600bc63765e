using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Rollups;

/// <summary>
/// Keeps the rollups equal to the responses. An answer event adds its counts to its daily and monthly
/// buckets (<see cref="AddAsync"/>: one upsert, whatever the bucket already holds); the inbox makes each
/// event count once, and additions commute, so the order events arrive in does not matter. A rebuild
/// (<see cref="RebuildAsync"/>) recomputes everything from the responses, for repair and after a change
/// of time zone.
/// </summary>
/// <remarks>
/// Additions take the tenant's rollup lock shared, so they run side by side; a rebuild takes it exclusive,
/// so it counts with no addition half done and none starts before it has noted which pending events its
/// counts hold already (<see cref="EventCountedByRebuild"/>).
/// </remarks>
internal sealed class RollupMaintenance(ScoringDbContext db, IMediator mediator, ITenantContext tenant, IServiceScopeFactory scopes)
{
    /// <summary>What one event changes in one bucket: eleven counts to add (negative to take away) to the scores 0..10.</summary>
    public sealed record BucketChange(DateOnly Day, Guid SurveyId, Guid? DepartmentId, string? Touchpoint, string Channel, int[] Counts);

    private const string Scores = "s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10";

    /// <summary>
    /// Adds <paramref name="changes"/> to the daily and monthly rows in one statement, unless a rebuild counted
    /// the answers of <paramref name="eventId"/> already. Runs in the caller's transaction, which it requires.
    /// </summary>
    public async Task AddAsync(Guid eventId, IReadOnlyCollection<BucketChange> changes, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rollups change inside a transaction.");
        if (changes.Count == 0) return;
        var tenantId = tenant.RequiredTenantId;
        var parameters = new List<NpgsqlParameter>
        {
            new("lock", NpgsqlDbType.Text) { Value = LockKey(tenantId) },
            new("tenant", NpgsqlDbType.Uuid) { Value = tenantId },
            new("event", NpgsqlDbType.Uuid) { Value = eventId },
            new("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = changes.Select(c => c.Day).ToArray() },
            new("surveys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = changes.Select(c => c.SurveyId).ToArray() },
            new("departments", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = changes.Select(c => c.DepartmentId).ToArray() },
            new("touchpoints", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Touchpoint).ToArray() },
            new("channels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Channel).ToArray() },
        };
        for (var score = 0; score <= 10; score++)
        {
            parameters.Add(new NpgsqlParameter($"s{score}", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = changes.Select(c => c.Counts[score]).ToArray() });
        }

        var sums = string.Join(", ", Enumerable.Range(0, 11).Select(s => $"sum(s{s})::int as s{s}"));
        var added = string.Join(", ", Enumerable.Range(0, 11).Select(s => $"s{s} = r.s{s} + excluded.s{s}"));
        // Both statements go in one round trip; the upsert's snapshot is taken once the lock is granted, so
        // it sees the notes of a rebuild that finished while this waited. Rows are locked in key order, so
        // two imports over the same buckets cannot deadlock.
        var sql = $"""
            select pg_advisory_xact_lock_shared(hashtextextended(@lock, 0));
            with counted_by_rebuild as (
                delete from scoring.events_counted_by_rebuild where tenant_id = @tenant and event_id = @event returning event_id
            ), change as (
                select day, survey_id, department_id, touchpoint, channel, {sums}
                  from unnest(@days, @surveys, @departments, @touchpoints, @channels, @s0, @s1, @s2, @s3, @s4, @s5, @s6, @s7, @s8, @s9, @s10)
                       as c(day, survey_id, department_id, touchpoint, channel, {Scores})
                 where not exists (select from counted_by_rebuild)
                 group by day, survey_id, department_id, touchpoint, channel
            ), daily as (
                insert into scoring.daily_scores as r (tenant_id, id, day, survey_id, department_id, touchpoint, channel, {Scores})
                select @tenant, gen_random_uuid(), day, survey_id, department_id, touchpoint, channel, {Scores}
                  from change
                 order by day, survey_id, department_id, touchpoint, channel
                    on conflict (tenant_id, day, survey_id, department_id, touchpoint, channel) do update set {added}
            )
            insert into scoring.monthly_scores as r (tenant_id, id, month, survey_id, department_id, touchpoint, channel, {Scores})
            select @tenant, gen_random_uuid(), date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel, {sums}
              from change
             group by date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel
             order by 3, 4, 5, 6, 7
                on conflict (tenant_id, month, survey_id, department_id, touchpoint, channel) do update set {added}
            """;
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>
    /// Recomputes every rollup of the tenant from the responses, for repair and after a change of time
    /// zone. Runs in the caller's transaction, which it requires.
    /// </summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rollups are rebuilt inside a transaction.");
        var tenantId = tenant.RequiredTenantId;
        // Waiting for additions in flight, and replacing years of rows, can outlast the default timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(hashtextextended({LockKey(tenantId)}, 0))", cancellationToken);

        // Counted in a scope of its own: its snapshot is a transaction of its own, taken once the lock is held.
        AllResponseScores counted;
        await using (var counting = scopes.CreateForSameCaller(tenant))
        {
            counted = await counting.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new CountAllResponseScores(await TimeZoneAsync(cancellationToken)), cancellationToken);
        }

        await db.DailyScores.ExecuteDeleteAsync(cancellationToken);
        await db.MonthlyScores.ExecuteDeleteAsync(cancellationToken);
        // The events these counts hold already are skipped when they arrive. Older notes go: an event still
        // pending is among these again, and one that is not has been handled.
        await db.EventsCountedByRebuild.ExecuteDeleteAsync(cancellationToken);
        db.EventsCountedByRebuild.AddRange(counted.PendingEvents.Select(e => new EventCountedByRebuild { TenantId = tenantId, EventId = e }));
        db.DailyScores.AddRange(counted.Buckets.Select(b => new DailyScore
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
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into scoring.monthly_scores
            select tenant_id, gen_random_uuid(), date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel,
                   sum(s0), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)
              from scoring.daily_scores
             where tenant_id = {tenantId}
             group by tenant_id, date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel
            """, cancellationToken);
    }

    /// <summary>The local day of an instant in the tenant's time zone (the day its answer is counted on).</summary>
    public async Task<DateOnly> LocalDayAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await TimeZoneAsync(cancellationToken));
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }

    public async Task<string> TimeZoneAsync(CancellationToken cancellationToken) =>
        (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone;

    /// <summary>One count of <paramref name="score"/>, or <paramref name="by"/> of them.</summary>
    public static int[] One(int score, int by = 1)
    {
        var counts = new int[11];
        counts[score] = by;
        return counts;
    }

    private static string LockKey(Guid tenantId) => "scoring.daily_scores:" + tenantId;
}
