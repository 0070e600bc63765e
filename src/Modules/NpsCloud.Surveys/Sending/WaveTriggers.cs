using NpsCloud.Surveys.Domain;
using Quartz;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// One clustered Quartz trigger per relationship survey, firing on its schedule in the tenant's time
/// zone (calendar intervals keep the hour across daylight-saving changes). Each firing runs one wave.
/// </summary>
internal sealed class WaveTriggers(ISchedulerFactory schedulers)
{
    private const string Group = "survey-waves";

    public static JobKey JobFor(Guid tenantId, Guid surveyId) => new($"{tenantId:N}.{surveyId:N}", Group);

    public static TriggerKey TriggerFor(Guid tenantId, Guid surveyId) => new($"{tenantId:N}.{surveyId:N}", Group);

    /// <summary>Creates or replaces the survey's trigger (active relationship survey with a schedule), else removes it.</summary>
    public async Task ApplyAsync(Survey survey, string timeZone, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobFor(survey.TenantId, survey.Id);
        if (!survey.IsRelationship || survey.Status != SurveyStatuses.Active || !survey.HasSchedule)
        {
            await scheduler.DeleteJob(job, cancellationToken);
            return;
        }

        var detail = JobBuilder.Create<RelationshipWaveJob>()
            .WithIdentity(job)
            .UsingJobData(RelationshipWaveJob.TenantKey, survey.TenantId.ToString())
            .UsingJobData(RelationshipWaveJob.SurveyKey, survey.Id.ToString())
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(detail, [Build(survey, timeZone, job)], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>When the survey's next wave fires, if it has a trigger.</summary>
    public async Task<DateTimeOffset?> NextWaveAsync(Guid tenantId, Guid surveyId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(TriggerFor(tenantId, surveyId), cancellationToken))?.NextFireTimeUtc;
    }

    /// <summary>The first wave at or after <paramref name="from"/> (for a member's next send).</summary>
    public async Task<DateTimeOffset?> WaveAtOrAfterAsync(Guid tenantId, Guid surveyId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(TriggerFor(tenantId, surveyId), cancellationToken);
        if (trigger?.NextFireTimeUtc is not { } next) return null;
        return next >= from ? next : trigger.GetFireTimeAfter(from.AddTicks(-1));
    }

    private static ITrigger Build(Survey survey, string timeZone, JobKey job)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var firstLocal = DateTime.SpecifyKind(survey.FirstWaveAt!.Value, DateTimeKind.Unspecified);
        var first = new DateTimeOffset(firstLocal, zone.GetUtcOffset(firstLocal));
        return TriggerBuilder.Create()
            .WithIdentity(TriggerFor(survey.TenantId, survey.Id))
            .ForJob(job)
            .StartAt(first)
            .WithCalendarIntervalSchedule(schedule =>
            {
                if (survey.ScheduleCadence is { } cadence) schedule.WithInterval(Cadences.Months(cadence), IntervalUnit.Month);
                else schedule.WithInterval(survey.ScheduleEveryDays!.Value, IntervalUnit.Day);
                // A wave missed while every host was down still goes out, once, as soon as one is back.
                schedule.InTimeZone(zone).PreserveHourOfDayAcrossDaylightSavings(true)
                    .WithMisfireInstruction(CalendarIntervalTriggerMisfireInstruction.FireAndProceed);
            })
            .Build();
    }
}
