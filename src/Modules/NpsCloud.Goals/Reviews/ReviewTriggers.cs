using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Features.Goals;
using Quartz;

namespace NpsCloud.Goals.Reviews;

/// <summary>
/// The clustered Quartz triggers of goal reviews, in the tenant's time zone: one per tenant for its
/// weekly (Monday 09:00) or monthly (the 1st, 09:00) review, and one per goal for its final review at
/// 09:00 the day after its period ends. A review missed while every host was down runs once when one is back.
/// </summary>
internal sealed class ReviewTriggers(ISchedulerFactory schedulers, GoalsDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock)
    : IReviewTriggers
{
    public const int ReviewHour = 9;
    private const string Group = "goal-reviews";
    private const string ScheduleKey = "schedule";

    public static JobKey ScheduledJob(Guid tenantId) => new($"{tenantId:N}", Group);

    public static JobKey FinalJob(Guid tenantId, Guid goalId) => new($"{tenantId:N}.{goalId:N}", Group);

    /// <summary>The tenant's cadence (weekly unless it chose monthly).</summary>
    public async Task<string> CadenceAsync(CancellationToken cancellationToken) =>
        (await db.ReviewSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.Cadence ?? ReviewCadences.Weekly;

    /// <summary>After a goal changed: its final review, and the tenant's schedule (which exists once it has a goal).</summary>
    public async Task ApplyAsync(Goal goal, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var zone = await ZoneAsync(cancellationToken);
        var job = FinalJob(goal.TenantId, goal.Id);
        var finalAt = FinalReviewAt(goal.PeriodEnd, zone);
        var current = (await scheduler.GetTriggersOfJob(job, cancellationToken)).FirstOrDefault();
        var now = clock.GetUtcNow();
        if (goal.ArchivedAt is not null || finalAt <= now)
        {
            // A trigger still ahead is stale (archived, or the period now ends earlier). One that is due is
            // firing, or about to: it is Quartz's to remove, and deleting it then would race the firing.
            if (current?.NextFireTimeUtc is { } next && next > now) await scheduler.DeleteJob(job, cancellationToken);
        }
        else if (current?.StartTimeUtc != finalAt)
        {
            // Only a changed period touches the store: a new target leaves the trigger (and a firing one) alone.
            var detail = JobBuilder.Create<GoalReviewJob>().WithIdentity(job)
                .UsingJobData(GoalReviewJob.TenantKey, goal.TenantId.ToString())
                .UsingJobData(GoalReviewJob.GoalKey, goal.Id.ToString())
                .StoreDurably().RequestRecovery().Build();
            var trigger = TriggerBuilder.Create().WithIdentity(job.Name, Group).ForJob(job).StartAt(finalAt)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(detail, trigger, ScheduleJobOptions.Replacing, cancellationToken);
        }

        await ApplyScheduleAsync(scheduler, await CadenceAsync(cancellationToken), zone, cancellationToken);
    }

    /// <summary>After the cadence or the time zone changed: the tenant's schedule follows (only once it has goals).</summary>
    public async Task ApplyScheduleAsync(CancellationToken cancellationToken)
    {
        if (!await db.Goals.AnyAsync(cancellationToken)) return;
        await ApplyScheduleAsync(await schedulers.GetScheduler(cancellationToken), await CadenceAsync(cancellationToken), await ZoneAsync(cancellationToken), cancellationToken);
    }

    /// <summary>When the tenant's next scheduled review fires, if it has a schedule.</summary>
    public async Task<DateTimeOffset?> NextReviewAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var triggers = await scheduler.GetTriggersOfJob(ScheduledJob(tenant.RequiredTenantId), cancellationToken);
        return triggers.Select(t => t.NextFireTimeUtc).Min();
    }

    /// <summary>09:00 local on the day after the period's last day: the period's answers are all in.</summary>
    public static DateTimeOffset FinalReviewAt(DateOnly periodEnd, TimeZoneInfo zone)
    {
        var local = periodEnd.AddDays(1).ToDateTime(new TimeOnly(ReviewHour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string Cron(string cadence) => cadence == ReviewCadences.Monthly ? $"0 0 {ReviewHour} 1 * ?" : $"0 0 {ReviewHour} ? * MON";

    private async Task ApplyScheduleAsync(IScheduler scheduler, string cadence, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var job = ScheduledJob(tenantId);
        var schedule = $"{Cron(cadence)}|{zone.Id}";
        if ((await scheduler.GetJobDetail(job, cancellationToken))?.JobDataMap.GetString(ScheduleKey) == schedule) return;

        var detail = JobBuilder.Create<GoalReviewJob>().WithIdentity(job)
            .UsingJobData(GoalReviewJob.TenantKey, tenantId.ToString())
            .UsingJobData(ScheduleKey, schedule)
            .StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(job.Name, Group).ForJob(job)
            .WithCronSchedule(Cron(cadence), cron => cron.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(detail, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    private async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) =>
        TimeZoneInfo.FindSystemTimeZoneById((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone);
}
