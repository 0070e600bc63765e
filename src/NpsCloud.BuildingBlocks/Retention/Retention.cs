using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using Quartz;

namespace NpsCloud.BuildingBlocks.Retention;

/// <summary>
/// What a module may forget: rows that have served their purpose (a dispatched event, a delivered
/// webhook). Runs under one tenant at a time, like any tenant work; answers how many rows it deleted.
/// Company data (answers, contacts, cases) is never forgotten by a rule: only the machinery's records.
/// </summary>
public interface IRetentionRule
{
    string Name { get; }

    Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// The building blocks' own records: dispatched outbox events after 7 days; inbox records after 30 days,
/// but never while their event may still be delivered again (its outbox row is not dispatched yet); and
/// idempotency keys whose 24 hours are over.
/// </summary>
internal sealed class PlatformRetention(TenantConnectionFactory connections) : IRetentionRule
{
    public static readonly TimeSpan DispatchedEvents = TimeSpan.FromDays(7);
    public static readonly TimeSpan HandledEvents = TimeSpan.FromDays(30);

    public string Name => "platform";

    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("delete from platform.outbox_messages where dispatched_at < $1", now - DispatchedEvents),
                Command("""
                    delete from platform.inbox_messages i
                     where i.handled_at < $1
                       and not exists (select 1 from platform.outbox_messages o
                                        where o.tenant_id = i.tenant_id and o.id = i.event_id and o.dispatched_at is null)
                    """, now - HandledEvents),
                Command("delete from platform.idempotency_keys where expires_at < $1", now),
            },
        };
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, DateTimeOffset before) => new(sql) { Parameters = { new NpgsqlParameter { Value = before } } };
}

/// <summary>
/// Once a day at 03:30 UTC, on one host of the cluster: every retention rule, for every tenant. A rule
/// that fails for a tenant is logged and tried again the next day; the others still run.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "platform");
    public static readonly TriggerKey TriggerKey = new("retention-daily", "platform");
    public const string Daily = "0 30 3 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await EveryTenant.RunAsync(scopes, logger, "Retention", async (services, tenantId) =>
        {
            foreach (var rule in services.GetServices<IRetentionRule>())
            {
                try
                {
                    var deleted = await rule.PurgeAsync(now, cancellationToken);
                    if (deleted > 0) logger.LogInformation("Retention {Rule} deleted {Count} rows of tenant {TenantId}", rule.Name, deleted, tenantId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Retention {Rule} failed for tenant {TenantId}; the next run tries again", rule.Name, tenantId);
                }
            }
        }, cancellationToken);
    }
}

/// <summary>Puts the daily trigger in the clustered store when a host starts (replacing it, so every host agrees on one).</summary>
internal sealed class ScheduleRetentionJob(ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RetentionJob>().WithIdentity(RetentionJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(RetentionJob.TriggerKey).ForJob(RetentionJob.Key)
            .WithCronSchedule(RetentionJob.Daily, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
