using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// P2, bulk import: <c>POST /api/v1/responses/import</c> of NPS_BENCH_IMPORT_ROWS CSV rows against the
/// baseline: a binary COPY of the same rows into a table made like responses.responses (its generated
/// columns, defaults and indexes: <c>like ... including all</c>). Also the host's peak memory during the
/// import (VmHWM, reset just before it) and how long after the import answered the metrics count its rows.
/// </summary>
public static class ImportScenario
{
    private const int Departments = 20;
    private static readonly string[] Touchpoints = ["delivery", "billing", "support", "onboarding"];

    public static async Task RunAsync(ResultTable table)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(database, "p2");
        var tenant = await BenchTenant.SignUpAsync(host, "Import A.Ş.");
        var departments = await tenant.CreateDepartmentsAsync(host, Departments);
        var survey = await tenant.CreateSurveyAsync(host, new { name = "Import", kind = "transactional", locale = "en" });
        await database.ExecuteAsAdminAsync("create schema bench; create table bench.responses (like responses.responses including all)");
        using var client = host.Client(1, tenant.ApiKey);
        var metrics = MetricsScenario.MetricsUrl(DateTimeOffset.UtcNow);

        var rows = BenchSettings.ImportRows;
        var random = new Random(2026);
        var (hostRates, copyRates, peaks, counted) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var before = new List<double>();
        var resetWorks = true;
        for (var repeat = 0; repeat < BenchSettings.Repeats; repeat++)
        {
            var batch = Rows.Generate(random, rows, departments);

            var copyClock = Stopwatch.StartNew();
            await CopyAsync(database.AdminConnectionString, tenant.TenantId, survey, batch);
            copyRates.Add(rows / copyClock.Elapsed.TotalSeconds);

            var csv = batch.Csv(survey);
            before.Add(host.MemoryMegabytes());
            resetWorks &= host.ResetPeakMemory();
            var importClock = Stopwatch.StartNew();
            using (var body = new ByteArrayContent(csv))
            {
                body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
                var imported = await BenchTenant.JsonAsync(await client.PostAsync("/api/v1/responses/import", body));
                if (imported.GetProperty("imported").GetInt32() != rows) throw new InvalidOperationException($"The import took {imported.GetProperty("imported")} of {rows} rows: {imported}");
            }

            hostRates.Add(rows / importClock.Elapsed.TotalSeconds);
            peaks.Add(host.PeakMemoryMegabytes());

            var countClock = Stopwatch.StartNew();
            var expected = (repeat + 1L) * rows;
            await Wait.UntilAsync(async () => (await BenchTenant.JsonAsync(await client.GetAsync(metrics))).GetProperty("responses").GetInt64() >= expected,
                "the metrics to count the imported answers", TimeSpan.FromMinutes(30));
            counted.Add(countClock.Elapsed.TotalSeconds);
            Console.WriteLine($"// import {repeat + 1}: host {hostRates[^1]:N0} rows/s, COPY {copyRates[^1]:N0} rows/s, memory {before[^1]:N0} MB before, peak {peaks[^1]:N0} MB, counted after {counted[^1]:N1} s");
        }

        var ratios = hostRates.Zip(copyRates, (h, c) => h / c).ToList();
        table.Add("P2", $"import of {rows:N0} rows: rows/s", ResultTable.Median(hostRates), ResultTable.Median(copyRates) + " (binary COPY)",
            ResultTable.Median(ratios, "x"), ">= 0.5x");
        table.Add("P2", "host peak memory during the import (VmHWM)", ResultTable.Median(peaks, " MB"), ResultTable.Median(before, " MB") + " just before", "", "< 300 MB");
        table.Add("P2", "metrics count the rows, after the import answered", ResultTable.Median(counted, " s"));
        if (!resetWorks) table.Note("P2: the kernel refused to reset VmHWM, so the peak memory is since the host started.");
        if (BenchSettings.Repeats > 1) table.Note($"P2: {BenchSettings.Repeats} imports into the same company, each next to its COPY; medians (range).");
    }

    private static async Task CopyAsync(string connectionString, Guid tenantId, Guid survey, Rows rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var importId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy bench.responses (tenant_id, id, survey_id, contact_id, department_id, touchpoint, channel, score, import_id, responded_at, recorded_at, updated_at) from stdin (format binary)");
        for (var i = 0; i < rows.Count; i++)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(tenantId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(Guid.CreateVersion7(rows.CreatedAt[i]), NpgsqlDbType.Uuid);
            await copy.WriteAsync(survey, NpgsqlDbType.Uuid);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(rows.Department[i], NpgsqlDbType.Uuid);
            await copy.WriteAsync(rows.Touchpoint[i], NpgsqlDbType.Text);
            await copy.WriteAsync("import", NpgsqlDbType.Text);
            await copy.WriteAsync(rows.Score[i], NpgsqlDbType.Integer);
            await copy.WriteAsync(importId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(rows.CreatedAt[i], NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    /// <summary>The same rows for both sides: answers over the last two years, 20 departments, four touchpoints.</summary>
    public sealed class Rows
    {
        public required string[] Email { get; init; }
        public required int[] Score { get; init; }
        public required DateTimeOffset[] CreatedAt { get; init; }
        public required Guid[] Department { get; init; }
        public required string[] Touchpoint { get; init; }

        public int Count => Score.Length;

        public static Rows Generate(Random random, int count, IReadOnlyList<Guid> departments)
        {
            var now = DateTimeOffset.UtcNow;
            var rows = new Rows
            {
                Email = new string[count], Score = new int[count], CreatedAt = new DateTimeOffset[count], Department = new Guid[count], Touchpoint = new string[count],
            };
            for (var i = 0; i < count; i++)
            {
                rows.Email[i] = $"c{random.Next(100_000)}@bench.example";
                rows.Score[i] = random.Next(11);
                rows.CreatedAt[i] = DateTimeOffset.FromUnixTimeSeconds(now.AddSeconds(-random.Next(3_600, 700 * 86_400)).ToUnixTimeSeconds());
                rows.Department[i] = departments[random.Next(departments.Count)];
                rows.Touchpoint[i] = Touchpoints[random.Next(Touchpoints.Length)];
            }

            return rows;
        }

        public byte[] Csv(Guid survey)
        {
            var csv = new StringBuilder(Count * 130).Append("surveyId,email,score,createdAt,departmentId,touchpoint\n");
            for (var i = 0; i < Count; i++)
            {
                csv.Append(survey).Append(',').Append(Email[i]).Append(',').Append(Score[i]).Append(',')
                    .Append(CreatedAt[i].UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ")).Append(',').Append(Department[i]).Append(',').Append(Touchpoint[i]).Append('\n');
            }

            return Encoding.UTF8.GetBytes(csv.ToString());
        }
    }
}
