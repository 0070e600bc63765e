using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Retention;
using Quartz;

namespace NpsCloud.BuildingBlocks.Scheduling;

public sealed class SchedulerOptions
{
    /// <summary>Every host with the same name and database forms one cluster.</summary>
    public string Name { get; set; } = "NpsCloud";

    /// <summary>Jobs one host runs at the same time.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How often an idle host asks the store for due triggers. A trigger scheduled on one host wakes that
    /// host at once; the others notice it within this time.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a silent host is given before another host recovers its jobs.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Quartz.NET 4 on its ADO.NET job store in PostgreSQL (schema <c>quartz</c>, created by migration
/// 0002), clustered: every host runs a scheduler, a trigger fires on exactly one of them, and a dead
/// host's jobs are recovered by the others. Jobs are still written to be safe to run twice.
/// </summary>
public static class SchedulerRegistration
{
    public static IServiceCollection AddClusteredScheduler(
        this IServiceCollection services, IConfiguration configuration, Action<IQuartzBuilder>? configureJobs = null)
    {
        var options = configuration.GetSection("Scheduler").Get<SchedulerOptions>() ?? new SchedulerOptions();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = options.Name;
                scheduler.IdleWaitTime = options.IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                // The application role's pool: the quartz schema is granted to it like every other schema.
                store.UsePostgres(source => source.DataSourceFactory = provider => provider.GetRequiredService<AppDataSource>().DataSource);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(job => job.TablePrefix = "quartz.qrtz_");
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = options.CheckinInterval;
                    cluster.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                });
            });
            configureJobs?.Invoke(quartz);
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        // The platform's own job: forgetting what the modules' retention rules allow, once a day.
        services.AddTransient<RetentionJob>();
        services.AddHostedService<ScheduleRetentionJob>();
        return services;
    }
}
