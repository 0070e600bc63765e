using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// P5, follow-up lag: answers at a steady NPS_BENCH_RATE per second (open loop: each is sent on time,
/// whether or not the earlier ones have been answered) for NPS_BENCH_LAG_SECONDS, 30% of them detractors,
/// and the time from each detractor's answer (its recorded_at) to the moment its follow-up case is
/// visible in followups.cases. A case records the answer's time as its own (opened_at = recorded_at), so
/// the moment it appears is observed: the cases are read every 100 ms as a superuser, and that read's
/// statement time counts (the figures are up to ~100 ms late). Also the outbox backlog (undispatched
/// messages, each second), its drain time after the load, and fairness: a second company posts five
/// detractors in the middle of the burst, and their lag is reported on its own.
/// </summary>
public static class FollowUpLagScenario
{
    private static readonly TimeSpan CaseReadInterval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(ResultTable table)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(database, "p5");
        var busy = await BenchTenant.SignUpAsync(host, "Busy A.Ş.");
        var quiet = await BenchTenant.SignUpAsync(host, "Quiet A.Ş.");
        var busySurvey = await busy.CreateSurveyAsync(host, new { name = "After delivery", kind = "transactional", locale = "en" });
        var quietSurvey = await quiet.CreateSurveyAsync(host, new { name = "After support", kind = "transactional", locale = "en" });
        using var busyClient = host.Client(256, busy.ApiKey);
        using var quietClient = host.Client(4, quiet.ApiKey);

        var rate = BenchSettings.Rate;
        var duration = TimeSpan.FromSeconds(BenchSettings.LagSeconds);
        var busyDetractors = new ConcurrentBag<Guid>();
        var quietDetractors = new ConcurrentBag<Guid>();
        var latencies = new ConcurrentBag<double>();
        var errors = 0;

        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var caseReader = Task.Run(() => ReadCasesAsync(database.AdminConnectionString, [busy.TenantId, quiet.TenantId], seen, stop.Token));
        var backlog = new List<(TimeSpan At, long Count)>();
        var clock = Stopwatch.StartNew();
        var backlogSampler = Task.Run(() => SampleBacklogAsync(database, backlog, clock, stop.Token));

        var run = Guid.NewGuid().ToString("N")[..8];
        var quietBurst = Task.Run(async () =>
        {
            await Task.Delay(duration / 2);
            for (var i = 0; i < 5; i++)
            {
                var id = await PostAsync(quietClient, quietSurvey, $"quiet-{run}-{i}@bench.example", i, latencies: null);
                if (id is { } recorded) quietDetractors.Add(recorded);
                await Task.Delay(200);
            }
        });

        var sent = await LoadGenerator.OpenLoopAsync(rate, duration, async i =>
        {
            // Three in ten are detractors (0-6), the rest passives and promoters (7-10).
            var score = i % 10 < 3 ? i % 7 : 7 + i % 4;
            var id = await PostAsync(busyClient, busySurvey, $"p5-{run}-{i}@bench.example", score, latencies);
            if (id is null) Interlocked.Increment(ref errors);
            else if (score <= 6) busyDetractors.Add(id.Value);
        });
        var loadEnded = clock.Elapsed;
        await quietBurst;

        var expected = busyDetractors.Concat(quietDetractors).ToHashSet();
        await Wait.UntilAsync(() => Task.FromResult(expected.All(seen.ContainsKey)), "every detractor's case", TimeSpan.FromMinutes(20), TimeSpan.FromMilliseconds(100));
        await Wait.UntilAsync(async () => await IngestionScenario.OutboxBacklogAsync(database) == 0, "the outbox to drain", TimeSpan.FromMinutes(20), TimeSpan.FromMilliseconds(250));
        var drained = clock.Elapsed - loadEnded;
        await stop.CancelAsync();
        await Task.WhenAll(caseReader, backlogSampler);

        var recordedAt = await RecordedAtAsync(database.AdminConnectionString, expected.ToArray());
        double Lag(Guid id) => (seen[id] - recordedAt[id]).TotalMilliseconds;
        var busyLags = busyDetractors.Select(Lag).ToList();
        var quietLags = quietDetractors.Select(Lag).ToList();
        var peak = backlog.Count == 0 ? 0 : backlog.Max(b => b.Count);

        table.Add("P5", $"{rate}/s for {duration.TotalSeconds:N0} s: answer to case p50 / p99 / max",
            $"{Seconds(Stats.Median(busyLags))} / {Seconds(Stats.Percentile(busyLags, 99))} / {Seconds(busyLags.DefaultIfEmpty(double.NaN).Max())} s",
            "", "", "p99 < 5 s");
        table.Add("P5", "second company's 5 detractors mid-burst: lag p50 / max",
            $"{Seconds(Stats.Median(quietLags))} / {Seconds(quietLags.DefaultIfEmpty(double.NaN).Max())} s");
        table.Add("P5", "outbox backlog peak / drained after the load", $"{peak:N0} messages / {drained.TotalSeconds:N1} s");
        table.Add("P5", "API latency at that rate: p50 / p99",
            $"{ResultTable.Number(Stats.Median(latencies.ToArray()))} / {ResultTable.Number(Stats.Percentile(latencies.ToArray(), 99))} ms");
        table.Note($"P5: {sent:N0} answers started on time at {rate}/s, {busyDetractors.Count:N0} of them detractors, {errors} failed; the last was answered " +
            $"{loadEnded.TotalSeconds:N0} s after the first was sent ({sent / loadEnded.TotalSeconds:N0}/s answered). The lag counts from the answer's recorded_at; " +
            $"cases are read every {CaseReadInterval.TotalMilliseconds:N0} ms, so a lag is at most that much late.");
    }

    private static string Seconds(double milliseconds) => ResultTable.Number(milliseconds / 1000.0);

    private static async Task<Guid?> PostAsync(HttpClient client, Guid survey, string email, int score, ConcurrentBag<double>? latencies)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"surveyId\":\"{survey}\",\"email\":\"{email}\",\"score\":{score}}}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var clock = Stopwatch.StartNew();
        try
        {
            using var answer = await client.PostAsync("/api/v1/responses", content);
            if (!answer.IsSuccessStatusCode) return null;
            var body = await answer.Content.ReadAsByteArrayAsync();
            latencies?.Add(clock.Elapsed.TotalMilliseconds);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("id").GetGuid();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Notes when each case first shows, by the database's clock at the start of the read that saw it.</summary>
    private static async Task ReadCasesAsync(string adminConnectionString, Guid[] tenants, ConcurrentDictionary<Guid, DateTimeOffset> seen, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(stop);
        await using var command = new NpgsqlCommand("select response_id, statement_timestamp() from followups.cases where tenant_id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenants });
        await command.PrepareAsync(stop);
        using var ticks = new PeriodicTimer(CaseReadInterval);
        try
        {
            do
            {
                await using var reader = await command.ExecuteReaderAsync(stop);
                while (await reader.ReadAsync(stop)) seen.TryAdd(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            }
            while (await ticks.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SampleBacklogAsync(TestDatabase database, List<(TimeSpan, long)> samples, Stopwatch clock, CancellationToken stop)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                samples.Add((clock.Elapsed, await IngestionScenario.OutboxBacklogAsync(database)));
            }
            while (await ticks.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Dictionary<Guid, DateTimeOffset>> RecordedAtAsync(string adminConnectionString, Guid[] responses)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id, recorded_at from responses.responses where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = responses });
        var recorded = new Dictionary<Guid, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) recorded[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        return recorded;
    }
}
