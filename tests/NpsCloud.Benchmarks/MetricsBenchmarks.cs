using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Npgsql;
using NpsCloud.Scoring.Features.Metrics;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks;

/// <summary>
/// The dashboard's metrics query (24 months, monthly, grouped by department) over a company with
/// NPS_BENCH_RESPONSES answers (default 10,000,000) seeded through the bulk import, read from the rollups
/// through <c>GET /api/v1/metrics</c>, against the baseline: the same figures from a plain GROUP BY over
/// the responses table (as the application role, under row-level security). Read the Ratio column:
/// how many times faster the rollup path is.
/// </summary>
[Config(typeof(InProcessConfig))]
public class MetricsBenchmarks
{
    private const string TimeZone = "Europe/Istanbul";
    private const int Departments = 20;

    /// <summary>Seeded once per process and shared by both measurements (they run in this process).</summary>
    private static Seeded? _seeded;

    private sealed record Seeded(NpsAppFactory App, HttpClient Api, Guid TenantId, string AppConnectionString, DateOnly Since, DateOnly Until);

    /// <summary>Synchronous on purpose: the in-process toolchain does not wait for an asynchronous setup.</summary>
    [GlobalSetup]
    public void Setup() => _seeded ??= SeedAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "GROUP BY over the responses")]
    public Task<int> Group_by_over_the_responses() =>
        GroupByOverTheResponsesAsync(_seeded!.AppConnectionString, _seeded.TenantId, TimeZone, _seeded.Since, _seeded.Until);

    /// <summary>
    /// The baseline of the dashboard's figures (also the load benchmark's P3): 24 months by department from a
    /// plain GROUP BY over the responses, as the application role under row-level security; answers the rows read.
    /// </summary>
    internal static async Task<int> GroupByOverTheResponsesAsync(string appConnectionString, Guid tenantId, string timeZone, DateOnly since, DateOnly until)
    {
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync();
        await using (var tenant = new NpgsqlCommand("select set_config('app.tenant_id', $1, false)", connection))
        {
            tenant.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
            await tenant.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("""
            select date_trunc('month', (responded_at at time zone $1)::date) as month, department_id,
                   count(*) filter (where score >= 9), count(*) filter (where score between 7 and 8), count(*) filter (where score <= 6)
              from responses.responses
             where (responded_at at time zone $1)::date >= $2 and (responded_at at time zone $1)::date < $3
             group by 1, 2
            """, connection);
        command.CommandTimeout = 0; // a scan of ten million rows outlasts the default 30 seconds on a busy machine
        command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync()) rows++;
        return rows;
    }

    [Benchmark(Description = "GET /api/v1/metrics (rollups)")]
    public async Task<int> Metrics_from_the_rollups()
    {
        var seeded = _seeded!;
        var json = await seeded.Api.GetStringAsync($"/api/v1/metrics?since={seeded.Since:yyyy-MM-dd}&until={seeded.Until:yyyy-MM-dd}&interval=month&groupBy=department");
        return json.Length;
    }

    private static async Task<Seeded> SeedAsync()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("NPS_BENCH_RESPONSES"), out var configured) ? configured : 10_000_000;
        var clock = Stopwatch.StartNew();
        var database = await TestDatabase.CreateAsync();
        var app = new NpsAppFactory(database).WithSetting("Logging:LogLevel:Default", "Error");
        var api = app.CreateClient();
        api.Timeout = TimeSpan.FromHours(1);

        var signUp = await api.PostAsJsonAsync("/api/v1/signup", new
        {
            companyName = "Benchmark A.Ş.", name = "Owner", email = "owner@bench.example", password = "a long benchmark passphrase", locale = "tr", timeZone = TimeZone,
        });
        var company = JsonDocument.Parse(await signUp.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", company.GetProperty("apiKey").GetString());
        var tenantId = company.GetProperty("tenantId").GetGuid();
        var departments = new List<Guid>();
        for (var i = 0; i < Departments; i++)
        {
            var created = await api.PostAsJsonAsync("/api/v1/departments", new { name = $"Departman {i + 1}" });
            departments.Add(JsonDocument.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        var surveyAnswer = await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Benchmark", kind = "transactional", locale = "tr" });
        var survey = JsonDocument.Parse(await surveyAnswer.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        // Two years of answers, in imports of half a million rows.
        var now = DateTimeOffset.UtcNow;
        var random = new Random(2026);
        string[] touchpoints = ["delivery", "billing", "support", "onboarding"];
        for (var done = 0; done < total;)
        {
            var rows = Math.Min(500_000, total - done);
            var csv = new StringBuilder(rows * 120).Append("surveyId,email,score,createdAt,departmentId,touchpoint\n");
            for (var i = 0; i < rows; i++)
            {
                csv.Append(survey).Append(",c").Append(random.Next(100_000)).Append("@bench.example,").Append(random.Next(11)).Append(',')
                    .Append(now.AddSeconds(-random.Next(0, 730 * 86_400)).ToString("yyyy-MM-ddTHH:mm:ssZ")).Append(',')
                    .Append(departments[random.Next(Departments)]).Append(',').Append(touchpoints[random.Next(touchpoints.Length)]).Append('\n');
            }

            using var body = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
            var imported = JsonDocument.Parse(await (await api.PostAsync("/api/v1/responses/import", body)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            done += imported.RootElement.GetProperty("imported").GetInt32();
            Console.WriteLine($"// seeded {done:N0} of {total:N0} responses in {clock.Elapsed:mm\\:ss}");
        }

        // The rollups follow the imports through the outbox: wait until they hold every answer.
        await Poll.UntilAsync(
            async () => await database.ScalarAsAdminAsync<long>(
                $"select coalesce(sum(s0+s1+s2+s3+s4+s5+s6+s7+s8+s9+s10), 0) from scoring.daily_scores where tenant_id = '{tenantId}'") >= total,
            "the rollups to hold every answer", TimeSpan.FromHours(1));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        var (since, until) = (today.AddMonths(-24), today.AddDays(1));
        var (firstMonth, endMonth) = RollupReader.Filter.WholeMonths(since, until, "month");
        var dailyRows = await database.ScalarAsAdminAsync<long>(
            $"select count(*) from scoring.daily_scores where tenant_id = '{tenantId}' and day >= '{since:yyyy-MM-dd}' and day < '{until:yyyy-MM-dd}'");
        var rowsRead = await database.ScalarAsAdminAsync<long>($"""
            select (select count(*) from scoring.daily_scores where tenant_id = '{tenantId}' and day >= '{since:yyyy-MM-dd}' and day < '{until:yyyy-MM-dd}'
                       and (day < '{firstMonth:yyyy-MM-dd}' or day >= '{endMonth:yyyy-MM-dd}'))
                 + (select count(*) from scoring.monthly_scores where tenant_id = '{tenantId}' and month >= '{firstMonth:yyyy-MM-dd}' and month < '{endMonth:yyyy-MM-dd}')
            """);
        Console.WriteLine($"// {total:N0} responses ready in {clock.Elapsed:mm\\:ss}; the 24-month query reads {rowsRead:N0} rollup rows (the window holds {dailyRows:N0} daily rows)");
        return new Seeded(app, api, tenantId, database.AppConnectionString, since, until);
    }

    /// <summary>In process, so the seeded database is built once (seeding ten million answers takes a while: hence the long timeout); the median is printed next to the mean.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true)).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
            AddColumn(StatisticColumn.Median);
        }
    }
}
