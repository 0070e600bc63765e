using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.Scheduling;

/// <summary>Two hosts, one database: the clustered Quartz store fires each trigger on one host only.</summary>
public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpsAppFactory _first = null!;
    private NpsAppFactory _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // One job at a time per host, so two jobs running together must be on two hosts.
        _first = new NpsAppFactory(_database).WithSetting("Scheduler:MaxConcurrency", "1");
        _second = new NpsAppFactory(_database).WithSetting("Scheduler:MaxConcurrency", "1");
        foreach (var host in new[] { _first, _second })
        {
            var client = host.CreateClient();
            await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the host to be ready");
        }
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_job_scheduled_once_runs_exactly_once_with_two_schedulers_on_one_database()
    {
        var run = Guid.NewGuid().ToString();
        var scheduler = await SchedulerOf(_first);
        var job = JobBuilder.Create<RecordingJob>().WithIdentity(run, "tests").UsingJobData("run", run).Build();
        await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity(run, "tests").StartNow().Build());

        // Done when the trigger has fired and left the store: from then on nothing can fire it again.
        await Poll.UntilAsync(async () =>
            RecordingJob.Runs.ContainsKey(run)
            && await _database.ScalarAsAdminAsync<long>($"select count(*) from quartz.qrtz_triggers where trigger_name = '{run}'") == 0
            && await _database.ScalarAsAdminAsync<long>($"select count(*) from quartz.qrtz_fired_triggers where trigger_name = '{run}'") == 0,
            "the job to run and its trigger to complete");

        Assert.Single(RecordingJob.Runs[run]);
    }

    [Fact]
    public async Task Two_hosts_share_the_work()
    {
        var rendezvous = new RendezvousJob.Meeting(expected: 2);
        var meeting = Guid.NewGuid().ToString();
        RendezvousJob.Meetings[meeting] = rendezvous;
        var scheduler = await SchedulerOf(_first);
        for (var i = 0; i < 2; i++)
        {
            var job = JobBuilder.Create<RendezvousJob>().WithIdentity($"{meeting}-{i}", "tests").UsingJobData("meeting", meeting).Build();
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().StartNow().Build());
        }

        await Poll.UntilAsync(() => Task.FromResult(rendezvous.Attendees.Count == 2), "both jobs to meet");

        // Each host runs one job at a time, so two jobs running together ran on the two hosts.
        Assert.Equal(2, rendezvous.Attendees.Distinct().Count());
        Assert.True(rendezvous.AllMet, "the two jobs never ran at the same time");
    }

    private static ValueTask<IScheduler> SchedulerOf(NpsAppFactory host) =>
        host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public sealed class RecordingJob : IJob
    {
        public static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Runs = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Runs.GetOrAdd(context.MergedJobDataMap.GetString("run")!, _ => []).Add(context.Scheduler.SchedulerInstanceId);
            return ValueTask.CompletedTask;
        }
    }

    public sealed class RendezvousJob : IJob
    {
        public static readonly ConcurrentDictionary<string, Meeting> Meetings = new();

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var meeting = Meetings[context.MergedJobDataMap.GetString("meeting")!];
            await meeting.ArriveAsync(context.Scheduler.SchedulerInstanceId, cancellationToken);
        }

        public sealed class Meeting(int expected)
        {
            private readonly CountdownEvent _arrivals = new(expected);
            public ConcurrentBag<string> Attendees { get; } = [];
            public bool AllMet { get; private set; }

            public async Task ArriveAsync(string instance, CancellationToken cancellationToken)
            {
                _arrivals.Signal();
                // Wait (bounded) for the other job: it can only arrive if another host runs it.
                AllMet = await Task.Run(() => _arrivals.Wait(TimeSpan.FromSeconds(30), cancellationToken), cancellationToken);
                Attendees.Add(instance);
            }
        }
    }
}
