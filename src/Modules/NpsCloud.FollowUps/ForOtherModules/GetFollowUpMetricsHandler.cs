using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// How well the loop was closed for the cases opened in a window (see <see cref="FollowUpMetrics"/>), in
/// two aggregate statements. A department head asking without a department sees their departments only.
/// </summary>
internal sealed class GetFollowUpMetricsHandler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<GetFollowUpMetrics, FollowUpMetrics>
{
    public async Task<FollowUpMetrics> Handle(GetFollowUpMetrics query, CancellationToken cancellationToken)
    {
        if (query.Until <= query.Since) throw new RequestValidationException("until", "Until must be after since.");
        if (query.DepartmentId is { } named && (!tenant.CanSee(named) || await mediator.Send(new FindDepartment(named), cancellationToken) is null))
        {
            throw new NotFoundException("The department");
        }

        var departments = query.DepartmentId is { } one ? [one] : tenant.VisibleDepartments?.ToArray();
        var allDepartments = departments is null;
        departments ??= [];
        // "Overdue" is counted at the window's end, or now for a window that has not ended.
        var at = query.Until < clock.GetUtcNow() ? query.Until : clock.GetUtcNow();
        var tenantId = tenant.RequiredTenantId;

        var cohort = await db.Database.SqlQuery<CohortRow>($"""
            select count(*)::int as opened,
                   count(*) filter (where first_contacted_at is not null)::int as contacted,
                   count(*) filter (where first_contacted_at is not null and first_contacted_at <= due_at)::int as contacted_within_sla,
                   count(*) filter (where first_contacted_at is not null or due_at <= {at})::int as sla_decided,
                   percentile_cont(0.5) within group (order by extract(epoch from first_contacted_at - opened_at) / 3600.0)
                       filter (where first_contacted_at is not null) as median_hours,
                   count(*) filter (where resolved_at is not null)::int as resolved,
                   count(*) filter (where status in ('resolved', 'closed'))::int as closed_loop,
                   count(*) filter (where opening_score <= 6 and resurvey_score is not null)::int as resurvey_answered,
                   count(*) filter (where opening_score <= 6 and resurvey_score >= 7)::int as recovered
              from followups.cases
             where tenant_id = {tenantId} and opened_at >= {query.Since} and opened_at < {query.Until}
               and ({allDepartments} or department_id = any({departments}))
            """).SingleAsync(cancellationToken);

        var overdue = await db.Database.SqlQuery<OverdueRow>($"""
            select count(*)::int as overdue
              from followups.cases
             where tenant_id = {tenantId} and opened_at < {query.Until} and due_at <= {at}
               and (first_contacted_at is null or first_contacted_at > {at})
               and (resolved_at is null or resolved_at > {at})
               and (closed_at is null or closed_at > {at})
               and ({allDepartments} or department_id = any({departments}))
            """).SingleAsync(cancellationToken);

        return new FollowUpMetrics(
            cohort.Opened,
            cohort.Contacted,
            Percent(cohort.ContactedWithinSla, cohort.SlaDecided),
            cohort.MedianHours is { } hours ? Math.Round(hours, 1, MidpointRounding.AwayFromZero) : null,
            cohort.Resolved,
            Percent(cohort.ClosedLoop, cohort.Opened),
            overdue.Overdue,
            cohort.ResurveyAnswered,
            cohort.Recovered);
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    private sealed class OverdueRow
    {
        public int Overdue { get; init; }
    }

    private sealed class CohortRow
    {
        public int Opened { get; init; }
        public int Contacted { get; init; }
        public int ContactedWithinSla { get; init; }
        public int SlaDecided { get; init; }
        public double? MedianHours { get; init; }
        public int Resolved { get; init; }
        public int ClosedLoop { get; init; }
        public int ResurveyAnswered { get; init; }
        public int Recovered { get; init; }
    }
}
