using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Scoring;

/// <summary>
/// The rollups against the truth: after random answers from the API, the response page (with changes)
/// and bulk imports, they hold exactly what a raw aggregation of the responses gives, and the metrics API
/// answers what raw SQL over the responses answers, for random filters.
/// </summary>
public sealed class RollupTests(RollupTests.Fixture fixture) : IClassFixture<RollupTests.Fixture>
{
    private const string TimeZone = "America/New_York";

    /// <summary>
    /// One line per (local day, survey, department, touchpoint, channel, score) with its count from the
    /// responses, and the same per local month.
    /// </summary>
    private async Task<List<string>> RawAsync(Guid tenant)
    {
        const string day = $"(responded_at at time zone '{TimeZone}')::date";
        var lines = new List<string>();
        foreach (var (grain, period) in new[] { ("day", day), ("month", $"date_trunc('month', {day})::date") })
        {
            lines.AddRange(await fixture.Database.LinesAsAdminAsync($"""
                select concat_ws('|', '{grain}', {period}, survey_id, department_id, touchpoint, channel, score, count(*))
                  from responses.responses where tenant_id = '{tenant}'
                 group by {period}, survey_id, department_id, touchpoint, channel, score
                """));
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>The same lines from the daily and the monthly rollups.</summary>
    private async Task<List<string>> RolledUpAsync(Guid tenant)
    {
        var lines = new List<string>();
        foreach (var (grain, table, period) in new[] { ("day", "daily_scores", "day"), ("month", "monthly_scores", "month") })
        {
            lines.AddRange(await fixture.Database.LinesAsAdminAsync($"""
                select concat_ws('|', '{grain}', {period}, survey_id, department_id, touchpoint, channel, u.ordinality - 1, u.count)
                  from scoring.{table} d,
                       unnest(array[s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10]) with ordinality as u(count, ordinality)
                 where d.tenant_id = '{tenant}' and u.count > 0
                """));
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private async Task RollupsCatchUpAsync(Guid tenant)
    {
        // Every event delivered, so none still on its way can rewrite a rollup after this returns.
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and dispatched_at is null") == 0, "the outbox to drain");
        await Poll.UntilAsync(async () => (await RawAsync(tenant)).SequenceEqual(await RolledUpAsync(tenant)), "the rollups to equal the responses");
        Assert.Equal(await RawAsync(tenant), await RolledUpAsync(tenant));
    }

    private async Task<(HttpClient Api, Guid Tenant, Guid[] Surveys, Guid[] Departments)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone = TimeZone })).JsonAsync(HttpStatusCode.OK);
        var departments = new[] { await TenantApi.CreateDepartmentAsync(api, "Sales"), await TenantApi.CreateDepartmentAsync(api, "Support") };
        var surveys = new[]
        {
            await SurveyApi.ActiveTransactionalAsync(api, new { touchpoint = "delivery" }),
            await SurveyApi.ActiveTransactionalAsync(api, new { departmentId = departments[1] }),
        };
        return (api, company.TenantId, surveys, departments);
    }

    [Fact]
    public async Task Rollups_equal_a_raw_aggregation_after_random_answers_changes_and_imports()
    {
        var (api, tenant, surveys, departments) = await CompanyAsync();
        var random = new Random(5);
        var now = DateTimeOffset.UtcNow;

        // Answers through the API, spread over days and around local midnight.
        for (var i = 0; i < 40; i++)
        {
            await ResponseApi.RecordAsync(api, new
            {
                surveyId = surveys[random.Next(2)], email = $"api{random.Next(15)}@example.test", score = random.Next(11),
                createdAt = now.AddHours(-random.Next(0, 24 * 20)), departmentId = random.Next(3) == 0 ? departments[0] : (Guid?)null,
                touchpoint = random.Next(4) == 0 ? "web" : null,
            });
        }

        // Answers from the response page, some changed afterwards.
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 6; i++)
        {
            var email = $"page{i}-{Guid.NewGuid():N}@example.test";
            await SurveyApi.RequestAsync(api, surveys[i % 2], new { email });
            var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
            var page = "/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]);
            await browser.PostAsync(page, new FormUrlEncodedContent([new("score", random.Next(11).ToString())]));
            if (i % 2 == 0) await browser.PostAsync(page, new FormUrlEncodedContent([new("score", random.Next(11).ToString())]));
        }

        // A bulk import reaching back a year.
        var csv = new StringBuilder("surveyId,email,score,createdAt,touchpoint\n");
        for (var i = 0; i < 500; i++)
        {
            csv.Append($"{surveys[random.Next(2)]},imp{random.Next(50)}@example.test,{random.Next(11)},{now.AddHours(-random.Next(0, 24 * 365)):O},{(random.Next(2) == 0 ? "store" : "")}\n");
        }

        Assert.Equal(500, (await ResponseApi.ImportAsync(api, csv.ToString())).GetProperty("imported").GetInt32());

        await RollupsCatchUpAsync(tenant);
    }

    [Fact]
    public async Task The_rebuild_command_restores_rollups_that_were_lost_or_damaged()
    {
        var (api, tenant, surveys, _) = await CompanyAsync();
        for (var i = 0; i < 10; i++) await ResponseApi.RecordAsync(api, new { surveyId = surveys[0], email = $"r{i}@example.test", score = i });
        await RollupsCatchUpAsync(tenant);

        await fixture.Database.ExecuteAsAdminAsync($"update scoring.daily_scores set s9 = s9 + 100 where tenant_id = '{tenant}'");
        await fixture.Database.ExecuteAsAdminAsync($"delete from scoring.daily_scores where tenant_id = '{tenant}' and s0 > 0");
        await fixture.Database.ExecuteAsAdminAsync($"update scoring.monthly_scores set s1 = s1 + 7 where tenant_id = '{tenant}'");
        Assert.NotEqual(await RawAsync(tenant), await RolledUpAsync(tenant));

        var rebuild = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "rebuild-rollups");
        Assert.Equal(0, await rebuild.RunAsync([tenant.ToString()], TextWriter.Null, CancellationToken.None));
        Assert.Equal(await RawAsync(tenant), await RolledUpAsync(tenant));

        // Without a tenant, every tenant is rebuilt.
        await fixture.Database.ExecuteAsAdminAsync($"delete from scoring.daily_scores where tenant_id = '{tenant}'");
        await fixture.Database.ExecuteAsAdminAsync($"delete from scoring.monthly_scores where tenant_id = '{tenant}'");
        Assert.Equal(0, await rebuild.RunAsync([], TextWriter.Null, CancellationToken.None));
        Assert.Equal(await RawAsync(tenant), await RolledUpAsync(tenant));
        Assert.Equal(2, await rebuild.RunAsync(["not-a-tenant"], TextWriter.Null, CancellationToken.None));
    }

    [Fact]
    public async Task Metrics_match_raw_sql_over_the_responses_for_random_filters()
    {
        var (api, tenant, surveys, departments) = await CompanyAsync();
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        var csv = new StringBuilder("surveyId,email,score,createdAt,departmentId,touchpoint\n");
        for (var i = 0; i < 800; i++)
        {
            csv.Append($"{surveys[random.Next(2)]},m{random.Next(80)}@example.test,{random.Next(11)},{now.AddHours(-random.Next(0, 24 * 120)):O},")
                .Append(random.Next(3) switch { 0 => departments[0].ToString(), 1 => departments[1].ToString(), _ => "" }).Append(',')
                .Append(random.Next(3) switch { 0 => "web", 1 => "store", _ => "" }).Append('\n');
        }

        await ResponseApi.ImportAsync(api, csv.ToString());
        await RollupsCatchUpAsync(tenant);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        for (var round = 0; round < 12; round++)
        {
            // Windows that start and end mid-month or on a month's first day, so whole months come from the monthly rollups.
            var since = today.AddDays(-random.Next(1, 130));
            if (random.Next(3) == 0) since = new DateOnly(since.Year, since.Month, 1);
            var until = since.AddDays(random.Next(1, 120));
            if (random.Next(3) == 0) until = new DateOnly(until.Year, until.Month, 1).AddMonths(1);
            var interval = new[] { null, "day", "week", "month", "quarter" }[random.Next(5)];
            var query = new List<string> { $"since={since:yyyy-MM-dd}", $"until={until:yyyy-MM-dd}", $"interval={interval}" };
            var where = new List<string> { $"(responded_at at time zone '{TimeZone}')::date >= '{since:yyyy-MM-dd}'", $"(responded_at at time zone '{TimeZone}')::date < '{until:yyyy-MM-dd}'" };
            if (random.Next(2) == 0) { var s = surveys[random.Next(2)]; query.Add($"surveyId={s}"); where.Add($"survey_id = '{s}'"); }
            if (random.Next(3) == 0) { var d = departments[random.Next(2)]; query.Add($"departmentId={d}"); where.Add($"department_id = '{d}'"); }
            if (random.Next(3) == 0) { var t = random.Next(2) == 0 ? "web" : "store"; query.Add($"touchpoint={t}"); where.Add($"touchpoint = '{t}'"); }

            var metrics = await (await api.GetAsync("/api/v1/metrics?" + string.Join('&', query))).JsonAsync(HttpStatusCode.OK);

            var raw = await fixture.Database.LinesAsAdminAsync($"""
                select string_agg(c::text, ',' order by s) from (
                    select s, (select count(*) from responses.responses
                                where tenant_id = '{tenant}' and score = s and {string.Join(" and ", where)}) as c
                      from generate_series(0, 10) s) x
                """);
            Assert.Equal(raw.Single(), string.Join(',', metrics.GetProperty("distribution").EnumerateArray().Select(c => c.GetInt64())));
            if (interval is not null)
            {
                var rawSeries = await fixture.Database.LinesAsAdminAsync($"""
                    select concat_ws('|', date_trunc('{interval}', (responded_at at time zone '{TimeZone}')::date)::date, count(*))
                      from responses.responses where tenant_id = '{tenant}' and {string.Join(" and ", where)}
                     group by date_trunc('{interval}', (responded_at at time zone '{TimeZone}')::date)
                    """);
                var series = metrics.GetProperty("series").EnumerateArray()
                    .Select(p => $"{p.GetProperty("periodStart").GetString()}|{p.GetProperty("responses").GetInt64()}").Order(StringComparer.Ordinal);
                Assert.Equal(rawSeries, series);
            }

            var n = metrics.GetProperty("responses").GetInt64();
            var promoters = metrics.GetProperty("promoters").GetInt64();
            var detractors = metrics.GetProperty("detractors").GetInt64();
            if (n == 0)
            {
                Assert.Equal(JsonValueKind.Null, metrics.GetProperty("nps").ValueKind);
                continue;
            }

            Assert.Equal(Math.Round(100.0 * (promoters - detractors) / n, 1, MidpointRounding.AwayFromZero), metrics.GetProperty("nps").GetDouble());
            Assert.Equal(n < 30, metrics.GetProperty("lowSample").GetBoolean());
        }
    }

    [Fact]
    public async Task Series_and_groups_add_up_to_the_total_and_bad_parameters_are_named()
    {
        var (api, tenant, surveys, departments) = await CompanyAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 30; i++)
        {
            await ResponseApi.RecordAsync(api, new { surveyId = surveys[i % 2], email = $"g{i}@example.test", score = i % 11, createdAt = now.AddDays(-i * 2) });
        }

        await RollupsCatchUpAsync(tenant);
        var metrics = await (await api.GetAsync("/api/v1/metrics?interval=week&groupBy=department&method=wald&confidence=0.99")).JsonAsync(HttpStatusCode.OK);

        // The default window is the last 30 local days up to today: one answer every other day, 15 or 16
        // of them depending on the hour (New York's date is a day behind UTC's for five hours a day).
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var inWindow = Enumerable.Range(0, 30).Count(i => LocalDay(now.AddDays(-i * 2)) >= LocalDay(now).AddDays(-29));
        Assert.Equal(inWindow, metrics.GetProperty("responses").GetInt64());
        Assert.Equal("wald", metrics.GetProperty("method").GetString());
        Assert.Equal(0.99, metrics.GetProperty("confidence").GetDouble());
        Assert.Equal(inWindow, metrics.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("responses").GetInt64()));
        Assert.All(metrics.GetProperty("series").EnumerateArray(), p => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(p.GetProperty("periodStart").GetString()!).DayOfWeek));
        var groups = metrics.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(inWindow, groups.Sum(g => g.GetProperty("responses").GetInt64()));
        Assert.Contains(groups, g => g.GetProperty("key").GetString() == departments[1].ToString() && g.GetProperty("name").GetString() == "Support");
        Assert.Contains(groups, g => g.GetProperty("key").GetString() == "none");

        foreach (var (query, field) in new[]
                 {
                     ("groupBy=city", "groupBy"), ("interval=year", "interval"), ("confidence=0.5", "confidence"), ("method=bayes", "method"),
                     ("since=2026-02-01&until=2026-01-01", "until"),
                 })
        {
            var problem = await (await api.GetAsync("/api/v1/metrics?" + query)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/metrics?since=last-week")).StatusCode);
        // Another company sees none of these answers.
        var other = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        Assert.Equal(0, (await (await other.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK)).GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task Compare_tells_a_real_change_between_two_periods_from_noise()
    {
        var (api, tenant, surveys, _) = await CompanyAsync();
        var now = DateTimeOffset.UtcNow;
        // The 30 days before the last 30: NPS 0 (10 promoters, 10 detractors). The last 30 days: NPS 80.
        for (var i = 0; i < 20; i++)
        {
            await ResponseApi.RecordAsync(api, new { surveyId = surveys[0], email = $"a{i}@example.test", score = i < 10 ? 10 : 2, createdAt = now.AddDays(-40) });
            await ResponseApi.RecordAsync(api, new { surveyId = surveys[0], email = $"b{i}@example.test", score = i < 18 ? 9 : 0, createdAt = now.AddDays(-5) });
        }

        await RollupsCatchUpAsync(tenant);
        var comparison = await (await api.GetAsync("/api/v1/metrics/compare")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(0.0, comparison.GetProperty("a").GetProperty("nps").GetDouble());
        Assert.Equal(80.0, comparison.GetProperty("b").GetProperty("nps").GetDouble());
        Assert.Equal(80.0, comparison.GetProperty("delta").GetDouble());
        Assert.True(comparison.GetProperty("significant").GetBoolean());
        Assert.Equal(0.0021, comparison.GetProperty("pValue").GetDouble(), 0.0002); // z = 80 / 26.1 = 3.07
        Assert.True(comparison.GetProperty("ci").GetProperty("low").GetDouble() > 0);

        // The same 20 answers against themselves: no difference.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        var window = $"Since={today.AddDays(-30):yyyy-MM-dd}&{{0}}Until={today.AddDays(1):yyyy-MM-dd}";
        var same = await (await api.GetAsync($"/api/v1/metrics/compare?a{string.Format(window, "a")}&b{string.Format(window, "b")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0.0, same.GetProperty("delta").GetDouble());
        Assert.False(same.GetProperty("significant").GetBoolean());
        var bad = await (await api.GetAsync("/api/v1/metrics/compare?bSince=2026-02-01&bUntil=2026-01-01")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("bUntil", out _));
    }

    [Fact]
    public async Task Metrics_carry_the_response_rate_of_the_invitations_sent_in_the_window()
    {
        var (api, _, surveys, _) = await CompanyAsync();
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            var email = $"rate{i}-{Guid.NewGuid():N}@example.test";
            await SurveyApi.RequestAsync(api, surveys[0], new { email });
            var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
            if (i == 0) await browser.PostAsync("/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]), new FormUrlEncodedContent([new("score", "9")]));
        }

        await Poll.UntilAsync(async () =>
            (await (await api.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK)).GetProperty("responseRate").GetProperty("responded").GetInt32() == 1,
            "the answer to count as a response to its invitation");
        var rate = (await (await api.GetAsync($"/api/v1/metrics?surveyId={surveys[0]}")).JsonAsync(HttpStatusCode.OK)).GetProperty("responseRate");
        Assert.Equal(3, rate.GetProperty("sent").GetInt32());
        Assert.Equal(33.3, rate.GetProperty("percent").GetDouble());
        var other = (await (await api.GetAsync($"/api/v1/metrics?surveyId={surveys[1]}")).JsonAsync(HttpStatusCode.OK)).GetProperty("responseRate");
        Assert.Equal(0, other.GetProperty("sent").GetInt32());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("percent").ValueKind);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
