using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.FollowUps.Features.Cases;
using Quartz;

namespace NpsCloud.FollowUps.Escalation;

/// <summary>
/// Every 15 minutes, on one host of the cluster: escalate each tenant's overdue cases and send its due
/// re-surveys. Safe to run twice (each case is claimed once). A tenant whose run fails does not stop the others.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class FollowUpsJob(IServiceScopeFactory scopes, ILogger<FollowUpsJob> logger) : IJob
{
    public static readonly JobKey Key = new("follow-ups", "follow-ups");
    public static readonly TriggerKey TriggerKey = new("follow-ups-every-15-minutes", "follow-ups");
    public const string Every15Minutes = "0 0/15 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await EveryTenant.RunAsync(scopes, logger, "Escalating and re-surveying follow-ups", async (services, _) =>
        {
            var mediator = services.GetRequiredService<IMediator>();
            await mediator.Send(new EscalateOverdueCases.Command(), cancellationToken);
            await mediator.Send(new SendDueResurveys.Command(), cancellationToken);
        }, cancellationToken);
}

/// <summary>
/// Puts the module's cron triggers in the clustered store when a host starts (replacing them, so every
/// host agrees on one trigger per job and a changed schedule takes effect): the follow-ups job every 15
/// minutes and the alerts job (<see cref="FollowUpAlertsJob"/>) every 30 seconds. The database is migrated before this runs.
/// </summary>
internal sealed class ScheduleFollowUpsJobs(ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await ScheduleAsync<FollowUpsJob>(scheduler, FollowUpsJob.Key, FollowUpsJob.TriggerKey, FollowUpsJob.Every15Minutes, cancellationToken);
        await ScheduleAsync<FollowUpAlertsJob>(scheduler, FollowUpAlertsJob.Key, FollowUpAlertsJob.TriggerKey, FollowUpAlertsJob.Every30Seconds, cancellationToken);
    }

    private static async Task ScheduleAsync<TJob>(IScheduler scheduler, JobKey key, TriggerKey triggerKey, string cron, CancellationToken cancellationToken)
        where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(key)
            .WithCronSchedule(cron, schedule => schedule.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
