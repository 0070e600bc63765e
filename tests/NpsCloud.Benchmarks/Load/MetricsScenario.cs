using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// P3, the dashboard's figures: NPS_BENCH_RESPONSES answers seeded through the bulk import, then the
/// dashboard's query (24 months, monthly, by department) through <c>GET /api/v1/metrics</c> against the
/// baseline, the same figures from a GROUP BY over the responses (MetricsBenchmarks' baseline, as the
/// application role); and the <c>/dashboard</c> page itself for a signed-in owner. (The BenchmarkDotNet
/// MetricsBenchmarks measures the same query in process at 10 million answers.)
/// </summary>
public static partial class MetricsScenario
{
    private const int Departments = 20;
    private const int ImportChunk = 500_000;

    public static async Task RunAsync(ResultTable table)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(database, "p3");
        var tenant = await BenchTenant.SignUpAsync(host, "Metrics A.Ş.");
        var departments = await tenant.CreateDepartmentsAsync(host, Departments);
        var survey = await tenant.CreateSurveyAsync(host, new { name = "Metrics", kind = "transactional", locale = "en" });
        using var client = host.Client(1, tenant.ApiKey);

        var total = BenchSettings.Responses;
        var clock = Stopwatch.StartNew();
        var random = new Random(2026);
        for (var done = 0; done < total;)
        {
            var rows = ImportScenario.Rows.Generate(random, Math.Min(ImportChunk, total - done), departments);
            using var body = new ByteArrayContent(rows.Csv(survey));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            done += (await BenchTenant.JsonAsync(await client.PostAsync("/api/v1/responses/import", body))).GetProperty("imported").GetInt32();
            Console.WriteLine($"// seeded {done:N0} of {total:N0} answers in {clock.Elapsed:mm\\:ss}");
        }

        var now = DateTimeOffset.UtcNow;
        var url = MetricsUrl(now);
        await Wait.UntilAsync(async () => (await BenchTenant.JsonAsync(await client.GetAsync(url))).GetProperty("responses").GetInt64() >= total,
            "the metrics to count every answer", TimeSpan.FromHours(1));
        var seeded = clock.Elapsed;
        Console.WriteLine($"// {total:N0} answers counted by the metrics after {seeded:mm\\:ss}");

        var api = await TimeAsync(BenchSettings.Queries, 5, async () => (await client.GetAsync(url)).EnsureSuccessStatusCode());
        var (since, until) = Window(now);
        var groupBy = await TimeAsync(Math.Clamp(BenchSettings.Queries / 10, 3, 20), 1, () => MetricsBenchmarks.GroupByOverTheResponsesAsync(database.AppConnectionString, tenant.TenantId, BenchTenant.TimeZone, since, until));

        using var browser = host.Client(1);
        var cookies = new CookieJar(browser);
        await cookies.LogInAsync(tenant.OwnerEmail, tenant.OwnerPassword);
        var dashboard = await TimeAsync(Math.Max(10, BenchSettings.Queries / 4), 3, async () =>
        {
            using var page = await cookies.GetAsync("/dashboard");
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/dashboard answered {(int)page.StatusCode} {page.Headers.Location}");
            await page.Content.ReadAsByteArrayAsync();
        });

        table.Add("P3", $"metrics, 24 months by department, {total:N0} answers: p50 / p99",
            $"{ResultTable.Number(Stats.Median(api))} / {ResultTable.Number(Stats.Percentile(api, 99))} ms",
            $"{ResultTable.Number(Stats.Median(groupBy))} / {ResultTable.Number(Stats.Percentile(groupBy, 99))} ms (GROUP BY)",
            ResultTable.Times(Stats.Median(groupBy) / Stats.Median(api)) + " faster", ">= 100x at 10M; p50 <= 20 ms");
        table.Add("P3", "/dashboard page, signed-in owner: p50 / p99", $"{ResultTable.Number(Stats.Median(dashboard))} / {ResultTable.Number(Stats.Percentile(dashboard, 99))} ms");
        table.Add("P3", "seeding through the import until the metrics count it", $"{seeded.TotalSeconds:N0} s", "", "", "");
        table.Note($"P3: {api.Count} metrics calls, {groupBy.Count} GROUP BY runs and {dashboard.Count} dashboard pages, one at a time, after a warm-up; ratio = GROUP BY p50 / API p50.");
    }

    /// <summary>The dashboard's window: 24 months up to today in the company's time zone.</summary>
    public static (DateOnly Since, DateOnly Until) Window(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(BenchTenant.TimeZone)).DateTime);
        return (today.AddMonths(-24), today.AddDays(1));
    }

    public static string MetricsUrl(DateTimeOffset now)
    {
        var (since, until) = Window(now);
        return $"/api/v1/metrics?since={since:yyyy-MM-dd}&until={until:yyyy-MM-dd}&interval=month&groupBy=department";
    }

    private static async Task<List<double>> TimeAsync(int count, int warmUp, Func<Task> call)
    {
        for (var i = 0; i < warmUp; i++) await call();
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>The baseline of MetricsBenchmarks: the same figures straight from the responses.</summary>
    /// <summary>
    /// A browser's cookies, kept by hand: outside Development the session cookie is a Secure __Host- cookie,
    /// which HttpClient's CookieContainer never sends over the benchmark's plain http (browsers do, on 127.0.0.1).
    /// </summary>
    private sealed partial class CookieJar(HttpClient client)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        public async Task LogInAsync(string email, string password)
        {
            using var form = await GetAsync("/login");
            var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
            if (!token.Success) throw new InvalidOperationException("No antiforgery token on /login.");
            using var login = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Form.Email"] = email, ["Form.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                }),
            });
            if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location?.OriginalString != "/app/start")
            {
                throw new InvalidOperationException($"Logging in answered {(int)login.StatusCode} {login.Headers.Location}.");
            }
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var answer = await client.SendAsync(request);
            if (answer.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    var pair = value.Split(';')[0];
                    var equals = pair.IndexOf('=');
                    if (equals <= 0) continue;
                    if (pair.Length == equals + 1) _cookies.Remove(pair[..equals]);
                    else _cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            }

            return answer;
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryToken();
    }
}
