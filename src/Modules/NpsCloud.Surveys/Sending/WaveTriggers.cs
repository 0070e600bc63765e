using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using Quartz;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// One clustered Quartz trigger per relationship survey, firing on its schedule in the tenant's time
/// zone (calendar intervals keep the hour across daylight-saving changes). Each firing runs one wave.
/// </summary>
internal sealed class WaveTriggers(ISchedulerFactory schedulers, TimeProvider clock) : IWaveTriggers
{
    private const string Group = "survey-waves";

    public static JobKey JobFor(Guid tenantId, Guid surveyId) => new($"{tenantId:N}.{surveyId:N}", Group);

    public static TriggerKey TriggerFor(Guid tenantId, Guid surveyId) => new($"{tenantId:N}.{surveyId:N}", Group);

    /// <summary>
    /// Keeps the survey's trigger in line with it: none unless it is an active relationship survey with a
    /// schedule; otherwise the schedule's trigger, left alone while the schedule is unchanged (so renaming or
    /// editing wording never moves a wave). A new or changed schedule starts at its first wave if that is
    /// still ahead; if it has passed, a survey that never had a wave has its first one now, and one that
    /// did resumes at its next scheduled time.
    /// </summary>
    public async Task ApplyAsync(Survey survey, string timeZone, bool hadWave, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobFor(survey.TenantId, survey.Id);
        if (!survey.IsRelationship || survey.Status != SurveyStatuses.Active || !survey.HasSchedule)
        {
            await scheduler.DeleteJob(job, cancellationToken);
            return;
        }

        var schedule = $"{survey.ScheduleCadence}|{survey.ScheduleEveryDays}|{survey.FirstWaveAt:O}|{timeZone}";
        var stored = await scheduler.GetJobDetail(job, cancellationToken);
        if (stored?.JobDataMap.GetString(ScheduleKey) == schedule && await scheduler.GetTrigger(TriggerFor(survey.TenantId, survey.Id), cancellationToken) is not null)
        {
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var firstLocal = DateTime.SpecifyKind(survey.FirstWaveAt!.Value, DateTimeKind.Unspecified);
        var first = new DateTimeOffset(firstLocal, zone.GetUtcOffset(firstLocal));
        var start = first >= now ? first : hadWave ? Build(survey, zone, job, first).GetFireTimeAfter(now) ?? now : now;
        var detail = JobBuilder.Create<RelationshipWaveJob>()
            .WithIdentity(job)
            .UsingJobData(RelationshipWaveJob.TenantKey, survey.TenantId.ToString())
            .UsingJobData(RelationshipWaveJob.SurveyKey, survey.Id.ToString())
            .UsingJobData(ScheduleKey, schedule)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(detail, [Build(survey, zone, job, start)], ScheduleJobOptions.Replacing, cancellationToken);
    }

    private const string ScheduleKey = "schedule";

    /// <summary>
    /// When the survey's next wave fires, if it has a trigger; never a moment already past: a firing that is
    /// due but not yet run (it goes out within seconds, and its invitations show as queued) is not the next one.
    /// </summary>
    public async Task<DateTimeOffset?> NextWaveAsync(Guid tenantId, Guid surveyId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(TriggerFor(tenantId, surveyId), cancellationToken);
        if (trigger?.NextFireTimeUtc is not { } next) return null;
        var now = clock.GetUtcNow();
        return next > now ? next : trigger.GetFireTimeAfter(now);
    }

    /// <summary>The first wave at or after <paramref name="from"/> (for a member's next send).</summary>
    public async Task<DateTimeOffset?> WaveAtOrAfterAsync(Guid tenantId, Guid surveyId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(TriggerFor(tenantId, surveyId), cancellationToken);
        if (trigger?.NextFireTimeUtc is not { } next) return null;
        return next >= from ? next : trigger.GetFireTimeAfter(from.AddTicks(-1));
    }

    private static ITrigger Build(Survey survey, TimeZoneInfo zone, JobKey job, DateTimeOffset start) =>
        TriggerBuilder.Create()
            .WithIdentity(TriggerFor(survey.TenantId, survey.Id))
            .ForJob(job)
            .StartAt(start)
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
