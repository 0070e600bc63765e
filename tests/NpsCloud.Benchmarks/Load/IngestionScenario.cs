using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// P1, single-answer ingestion: <c>POST /api/v1/responses</c> (a new address each time, so a new contact
/// too) in a closed loop at each concurrency level, against the baseline: the same row inserted by a
/// prepared Npgsql INSERT into responses.responses as the application role under row-level security, with
/// as many connections. Between levels the host's outbox is left to drain (up to NPS_BENCH_DRAIN_SECONDS), so a level pays as
/// little as possible for the last.
/// </summary>
public static class IngestionScenario
{
    public static async Task RunAsync(ResultTable table)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(database, "p1");
        var tenant = await BenchTenant.SignUpAsync(host, "Ingestion A.Ş.");
        var department = (await tenant.CreateDepartmentsAsync(host, 1))[0];
        var survey = await tenant.CreateSurveyAsync(host, new { name = "Ingestion", kind = "transactional", locale = "en", touchpoint = "delivery", departmentId = department });
        var run = Guid.NewGuid().ToString("N")[..8];
        var warmUp = TimeSpan.FromSeconds(BenchSettings.WarmUpSeconds);
        var duration = TimeSpan.FromSeconds(BenchSettings.Seconds);

        foreach (var connections in BenchSettings.Connections)
        {
            var baseline = await BaselineAsync(database.AppConnectionString, tenant.TenantId, survey, department, connections, warmUp, duration);

            using var client = host.Client(connections, tenant.ApiKey);
            var prefix = $"{{\"surveyId\":\"{survey}\",\"score\":";
            var api = await LoadGenerator.ClosedLoopAsync(connections, warmUp, duration, async (worker, i) =>
            {
                var body = Encoding.UTF8.GetBytes($"{prefix}{(worker + i) % 11},\"email\":\"p1-{run}-{connections}-{worker}-{i}@bench.example\"}}");
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                try
                {
                    using var answer = await client.PostAsync("/api/v1/responses", content);
                    return answer.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            });

            var drain = await OutboxDrainAsync(database, TimeSpan.FromSeconds(BenchSettings.DrainSeconds));
            table.Add("P1", $"{connections} connections: answers/s", ResultTable.Number(api.PerSecond), ResultTable.Number(baseline.PerSecond) + " inserts/s",
                ResultTable.Times(api.PerSecond / baseline.PerSecond), connections == BenchSettings.Connections[0] ? ">= 0.25x" : "");
            table.Add("P1", $"{connections} connections: p50 / p99 latency", $"{ResultTable.Number(api.P50)} / {ResultTable.Number(api.P99)} ms",
                $"{ResultTable.Number(baseline.P50)} / {ResultTable.Number(baseline.P99)} ms", "", "p99 < 25 ms");
            if (api.Errors > 0 || baseline.Errors > 0) table.Note($"P1 at {connections} connections: {api.Errors} failed API calls, {baseline.Errors} failed inserts.");
            table.Add("P1", $"{connections} connections: outbox drained after the load", drain.Left == 0
                ? ResultTable.Number(drain.Elapsed.TotalSeconds, " s")
                : $"not in {drain.Elapsed.TotalSeconds:N0} s: {drain.Left:N0} messages left (the next level's baseline shared the machine with them)");
        }
    }

    private static async Task<LoadResult> BaselineAsync(string appConnectionString, Guid tenantId, Guid survey, Guid department, int connections,
        TimeSpan warmUp, TimeSpan duration)
    {
        var commands = new NpgsqlCommand[connections];
        var opened = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var connection = new NpgsqlConnection(appConnectionString);
                opened.Add(connection);
                await connection.OpenAsync();
                await using (var set = new NpgsqlCommand("select set_config('app.tenant_id', $1, false)", connection))
                {
                    set.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
                    await set.ExecuteNonQueryAsync();
                }

                var insert = new NpgsqlCommand("""
                    insert into responses.responses (tenant_id, id, survey_id, contact_id, department_id, touchpoint, channel, score, locale, responded_at, recorded_at, updated_at)
                    values ($1, $2, $3, $4, $5, 'delivery', 'api', $6, 'en', $7, $7, $7)
                    """, connection);
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
                insert.Parameters.Add(new NpgsqlParameter<Guid>());
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = survey });
                insert.Parameters.Add(new NpgsqlParameter<Guid>());
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = department });
                insert.Parameters.Add(new NpgsqlParameter<int>());
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>());
                await insert.PrepareAsync();
                commands[i] = insert;
            }

            return await LoadGenerator.ClosedLoopAsync(connections, warmUp, duration, async (worker, i) =>
            {
                var insert = commands[worker];
                var now = DateTimeOffset.UtcNow;
                ((NpgsqlParameter<Guid>)insert.Parameters[1]).TypedValue = Guid.CreateVersion7(now);
                ((NpgsqlParameter<Guid>)insert.Parameters[3]).TypedValue = Guid.CreateVersion7(now);
                ((NpgsqlParameter<int>)insert.Parameters[5]).TypedValue = (worker + i) % 11;
                ((NpgsqlParameter<DateTimeOffset>)insert.Parameters[6]).TypedValue = now;
                return await insert.ExecuteNonQueryAsync() == 1;
            });
        }
        finally
        {
            foreach (var command in commands) command?.Dispose();
            foreach (var connection in opened) await connection.DisposeAsync();
        }
    }

    /// <summary>How long until the outbox has nothing left to dispatch, or what is left at the deadline.</summary>
    public static async Task<(TimeSpan Elapsed, long Left)> OutboxDrainAsync(TestDatabase database, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (true)
        {
            var left = await OutboxBacklogAsync(database);
            if (left == 0 || clock.Elapsed > deadline) return (clock.Elapsed, left);
            await ticks.WaitForNextTickAsync();
        }
    }

    public static Task<long> OutboxBacklogAsync(TestDatabase database) =>
        database.ScalarAsAdminAsync<long>("select count(*) from platform.outbox_messages where dispatched_at is null");
}
