using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Goals.Reviews;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.Goals;

/// <summary>
/// Goals against controlled answers and a moved clock (every status reached), reviews fired twice by the
/// real clustered Quartz store (one snapshot, one digest to the real SMTP sink), and department heads
/// limited to their own departments.
/// </summary>
public sealed partial class GoalTests(GoalTests.Fixture fixture) : IClassFixture<GoalTests.Fixture>
{
    /// <summary>
    /// Noon UTC, a hundred days back: the fake clock (which Quartz runs on too) moves forward from there and
    /// stays behind the database's clock, which decides when outbox messages are due.
    /// </summary>
    private static readonly DateTimeOffset Start = new(DateTime.UtcNow.Date.AddDays(-100).AddHours(12), TimeSpan.Zero);

    private sealed record Company(HttpClient Api, Guid TenantId, Guid Department, Guid Survey, TenantApi.SignedUp Owner);

    private async Task<Company> CompanyAsync(Guid? headUserId = null)
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        await TenantApi.ActivateAsync(fixture.App, owner.TenantId); // the clock moves past the 14-day trial
        var api = fixture.App.WithKey(owner.ApiKey);
        var ownerId = (await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var department = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Support", headUserId = headUserId ?? ownerId }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { departmentId = department });
        return new Company(api, owner.TenantId, department, survey, owner);
    }

    /// <summary>Answers for the department's survey on a day, then waits until the rollups count them.</summary>
    private async Task AnswerAsync(Company company, DateTimeOffset at, params int[] scores)
    {
        var before = await RolledUpAsync(company.TenantId);
        foreach (var score in scores)
        {
            await ResponseApi.RecordAsync(company.Api, new
            {
                surveyId = company.Survey, email = $"c{Guid.NewGuid():N}@example.test", score, createdAt = at, departmentId = company.Department,
                comment = score <= 6 ? "The parcel came late." : null,
            });
        }

        await Poll.UntilAsync(async () => await RolledUpAsync(company.TenantId) == before + scores.Length, "the rollups to count the answers");
    }

    private Task<long> RolledUpAsync(Guid tenant) => fixture.Database.ScalarAsAdminAsync<long>(
        $"select coalesce(sum(s0+s1+s2+s3+s4+s5+s6+s7+s8+s9+s10), 0) from scoring.daily_scores where tenant_id = '{tenant}'");

    private static async Task<string> StatusAsync(Company company, Guid goal) =>
        (await (await company.Api.GetAsync($"/api/v1/goals/{goal}")).JsonAsync(HttpStatusCode.OK)).GetProperty("progress").GetProperty("status").GetString()!;

    private static async Task PatchAsync(Company company, Guid goal, object patch) =>
        await (await company.Api.PatchAsJsonAsync($"/api/v1/goals/{goal}", patch)).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_goal_moves_through_every_status_with_the_answers_and_the_clock()
    {
        // The fake clock only moves forward (the outbox follows it), at 12:00 UTC: the same local day in the tenant's zone.
        var clock = fixture.App.Clock!;
        var first = Day(clock.GetUtcNow()).AddDays(10);
        var company = await CompanyAsync();
        var created = await (await company.Api.PostAsJsonAsync("/api/v1/goals", new
        {
            departmentId = company.Department, targetNps = 20, periodStart = first, periodEnd = first.AddDays(29),
        })).JsonAsync(HttpStatusCode.Created);
        var goal = created.GetProperty("id").GetGuid();
        Assert.Equal(30, created.GetProperty("minResponses").GetInt32());
        Assert.Equal("upcoming", created.GetProperty("progress").GetProperty("status").GetString());

        // The tenth day of the period: ten answers are too few to judge.
        clock.Advance(TimeSpan.FromDays(19));
        var inPeriod = Noon(first.AddDays(4));
        await AnswerAsync(company, inPeriod, Enumerable.Repeat(10, 9).Append(0).ToArray());
        Assert.Equal("insufficient_data", await StatusAsync(company, goal));

        // 36 promoters and 4 detractors: NPS 80, adjusted-Wald 95% interval 55.2 .. 93.6.
        await AnswerAsync(company, inPeriod, Enumerable.Repeat(9, 27).Concat(Enumerable.Repeat(3, 3)).ToArray());
        var progress = (await (await company.Api.GetAsync($"/api/v1/goals/{goal}")).JsonAsync(HttpStatusCode.OK)).GetProperty("progress");
        Assert.Equal("on_track", progress.GetProperty("status").GetString());
        Assert.Equal(80.0, progress.GetProperty("nps").GetDouble());
        Assert.Equal(40, progress.GetProperty("responses").GetInt64());
        Assert.Equal(60.0, progress.GetProperty("gap").GetDouble());
        Assert.Equal(55.2, progress.GetProperty("ci").GetProperty("low").GetDouble(), 0.1);
        Assert.Equal(93.6, progress.GetProperty("ci").GetProperty("high").GetDouble(), 0.1);
        Assert.Equal(120, progress.GetProperty("expectedResponses").GetInt64()); // 40 in 10 of 30 days
        Assert.Equal(20, progress.GetProperty("daysLeft").GetInt32());

        await PatchAsync(company, goal, new { targetNps = 75 });
        Assert.Equal("at_risk", await StatusAsync(company, goal));
        await PatchAsync(company, goal, new { targetNps = 95 });
        Assert.Equal("off_track", await StatusAsync(company, goal));

        // After the period, the observed NPS decides.
        clock.Advance(TimeSpan.FromDays(22));
        await PatchAsync(company, goal, new { targetNps = 75 });
        Assert.Equal("achieved", await StatusAsync(company, goal));
        await PatchAsync(company, goal, new { targetNps = 85 });
        Assert.Equal("missed", await StatusAsync(company, goal));

        var active = await (await company.Api.GetAsync("/api/v1/goals?active=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(active.GetProperty("items").EnumerateArray());
        var all = await (await company.Api.GetAsync($"/api/v1/goals?departmentId={company.Department}")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(all.GetProperty("items").EnumerateArray());
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [Fact]
    public async Task Bad_goals_are_refused_naming_the_field_and_overlapping_periods_conflict()
    {
        var company = await CompanyAsync();
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { departmentId = company.Department, targetNps = 101, periodStart = "2026-06-01", periodEnd = "2026-06-30" }, "targetNps"),
                     (new { departmentId = company.Department, targetNps = -100.5, periodStart = "2026-06-01", periodEnd = "2026-06-30" }, "targetNps"),
                     (new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-30", periodEnd = "2026-06-01" }, "periodEnd"),
                     (new { departmentId = company.Department, targetNps = 20, periodEnd = "2026-06-30" }, "periodStart"),
                     (new { targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30" }, "departmentId"),
                     (new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30", minResponses = 0 }, "minResponses"),
                 })
        {
            var problem = await (await company.Api.PostAsJsonAsync("/api/v1/goals", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        var badDate = await (await company.Api.PostAsync("/api/v1/goals", new StringContent(
            $$"""{"departmentId":"{{company.Department}}","targetNps":20,"periodStart":"June","periodEnd":"2026-06-30"}""", System.Text.Encoding.UTF8, "application/json")))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("periodStart", badDate.ToString());

        var first = await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 30, periodStart = "2026-06-15", periodEnd = "2026-07-15" }))
            .JsonAsync(HttpStatusCode.Conflict);
        // Another period, or another touchpoint over the same period, is fine.
        await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 30, periodStart = "2026-07-01", periodEnd = "2026-07-31" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 30, periodStart = "2026-06-01", periodEnd = "2026-06-30", touchpoint = "delivery" }))
            .JsonAsync(HttpStatusCode.Created);

        // Deleting archives: still readable, no longer in the way.
        var archived = await (await company.Api.DeleteAsync($"/api/v1/goals/{first.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(archived.GetProperty("archived").GetBoolean());
        await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 30, periodStart = "2026-06-15", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_review_slot_fired_twice_stores_one_review_and_sends_one_digest()
    {
        var today = Day(fixture.App.Clock!.GetUtcNow());
        var company = await CompanyAsync();
        var goal = (await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 20, periodStart = today.AddDays(-9), periodEnd = today.AddDays(200) }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AnswerAsync(company, Noon(today.AddDays(-5)), [.. Enumerable.Repeat(10, 30), 2, 2]);
        // The two detractors' cases open through the outbox too, on their own time: the digest counts them.
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from followups.cases where tenant_id = '{company.TenantId}'") == 2, "the follow-up cases to open");

        // The tenant's weekly schedule exists, and two firings of one slot race each other.
        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = ReviewTriggers.ScheduledJob(company.TenantId);
        Assert.Contains(await scheduler.GetTriggersOfJob(job), t => t is ICronTrigger { CronExpressionString: "0 0 9 ? * MON" });
        // Quartz runs on the application's clock (here the fake one, standing still): a trigger due now fires at once.
        var slot = fixture.App.Clock.GetUtcNow();
        var extra = new[] { new TriggerKey($"twice-1-{goal:N}"), new TriggerKey($"twice-2-{goal:N}") };
        foreach (var key in extra) await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity(key).ForJob(job).StartAt(slot).Build());

        var digest = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Owner.Email) && m.Subject.Contains("goal review"), "the review digest");
        await Poll.UntilAsync(async () => (await Task.WhenAll(extra.Select(k => scheduler.GetTrigger(k).AsTask()))).All(t => t is null), "both firings to finish");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{company.TenantId}' and dispatched_at is null") == 0, "the outbox to drain");

        var reviews = await (await company.Api.GetAsync($"/api/v1/goals/{goal}/reviews")).JsonAsync(HttpStatusCode.OK);
        var review = Assert.Single(reviews.GetProperty("items").EnumerateArray());
        Assert.Equal("scheduled", review.GetProperty("kind").GetString());
        Assert.Equal("on_track", review.GetProperty("status").GetString());
        Assert.Equal(32, review.GetProperty("responses").GetInt64());
        Assert.Single(fixture.Smtp.Messages(), m => m.To.Contains(company.Owner.Email) && m.Subject.Contains("goal review"));
        Assert.Contains("On track", digest.TextBody);
        Assert.Contains("The parcel came late.", digest.TextBody);
        Assert.Matches(@"Follow-ups: 2 open, \d+ overdue\.", digest.TextBody);
        Assert.Contains($"/departments/{company.Department}", digest.TextBody);

        // A review on request, a minute later, is another slot: a second snapshot, with the change since the first.
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = await (await company.Api.PostAsync($"/api/v1/goals/{goal}/reviews", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("manual", now.GetProperty("kind").GetString());
        Assert.Equal(0.0, now.GetProperty("change").GetDouble());
        Assert.Equal(2, (await (await company.Api.GetAsync($"/api/v1/goals/{goal}/reviews")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_department_head_sees_only_their_own_departments_goals_and_pages()
    {
        var company = await CompanyAsync();
        var other = (await (await company.Api.PostAsJsonAsync("/api/v1/departments", new { name = "Billing" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var email = $"head-{Guid.NewGuid():N}@example.test";
        await (await company.Api.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "DepartmentHead", departmentIds = new[] { company.Department } }))
            .JsonAsync(HttpStatusCode.Created);
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var head = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = new Uri(AcceptLink().Match(invitation.TextBody!).Value);
        Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(head, link.PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = "Ece Kaya", ["Form.Password"] = "head of support desk" })).StatusCode);
        var ownGoal = await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created);
        var otherGoal = await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = other, targetNps = 33, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created);

        var own = await head.GetAsync($"/departments/{company.Department}");
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/departments/{other}")).StatusCode);
        var overview = await head.GetStringAsync("/departments");
        Assert.Contains("Support", overview);
        Assert.DoesNotContain("Billing", overview);
        // Posting to another department's page is refused like reading it.
        var posted = await TenantApi.PostFormAsync(head, $"/departments/{company.Department}",
            new Dictionary<string, string> { ["Form.TargetNps"] = "10", ["Form.PeriodStart"] = "2026-08-01", ["Form.PeriodEnd"] = "2026-08-31", ["Form.MinResponses"] = "30" },
            postUrl: $"/departments/{other}?handler=Create");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Single((await (await company.Api.GetAsync($"/api/v1/goals?departmentId={other}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        // The head's own page sets goals through its form (antiforgery included).
        var added = await TenantApi.PostFormAsync(head, $"/departments/{company.Department}",
            new Dictionary<string, string> { ["Form.TargetNps"] = "10", ["Form.PeriodStart"] = "2026-08-01", ["Form.PeriodEnd"] = "2026-08-31", ["Form.MinResponses"] = "30" },
            postUrl: $"/departments/{company.Department}?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // Answers too: the head's lists, answer pages and figures hold their own department's only.
        var ownAnswer = (await ResponseApi.RecordAsync(company.Api, new { surveyId = company.Survey, email = "own@example.test", score = 9, departmentId = company.Department }))
            .GetProperty("id").GetGuid();
        var otherAnswer = (await ResponseApi.RecordAsync(company.Api, new { surveyId = company.Survey, email = "other@example.test", score = 2, departmentId = other, comment = "Billing secret" }))
            .GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/app/responses/{ownAnswer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/app/responses/{otherAnswer}")).StatusCode);
        Assert.DoesNotContain("Billing secret", await head.GetStringAsync("/app/responses"));
        await Poll.UntilAsync(async () => await RolledUpAsync(company.TenantId) == 2, "the rollups to count both answers");
        var dashboard = await head.GetStringAsync("/dashboard");
        Assert.Contains("Support", dashboard);
        Assert.DoesNotContain("Billing", dashboard);

        var page = await head.GetStringAsync($"/departments/{company.Department}");
        Assert.Contains($"goal-{ownGoal.GetProperty("id").GetGuid()}", page);
        Assert.DoesNotContain(otherGoal.GetProperty("id").GetGuid().ToString(), page);
        Assert.Equal(2, (await (await company.Api.GetAsync($"/api/v1/goals?departmentId={company.Department}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_api_key_limited_to_a_department_reads_and_sets_only_its_goals()
    {
        var company = await CompanyAsync();
        var other = (await (await company.Api.PostAsJsonAsync("/api/v1/departments", new { name = "Billing" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ownGoal = (await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var otherGoal = (await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = other, targetNps = 33, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var refused = await (await company.Api.PostAsJsonAsync("/api/v1/api-keys", new { name = "support admin", scopes = new[] { "admin" }, departmentIds = new[] { company.Department } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("scopes", out _));
        var created = await (await company.Api.PostAsJsonAsync("/api/v1/api-keys", new { name = "support desk", scopes = new[] { "read", "write" }, departmentIds = new[] { company.Department } }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal([company.Department], created.GetProperty("departmentIds").EnumerateArray().Select(d => d.GetGuid()));
        var limited = fixture.App.WithKey(created.GetProperty("key").GetString()!);

        var listed = await (await limited.GetAsync("/api/v1/goals")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([ownGoal], listed.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
        await (await limited.GetAsync($"/api/v1/goals/{ownGoal}")).JsonAsync(HttpStatusCode.OK);
        await (await limited.GetAsync($"/api/v1/goals/{otherGoal}")).JsonAsync(HttpStatusCode.NotFound);
        await (await limited.GetAsync($"/api/v1/goals/{otherGoal}/reviews")).JsonAsync(HttpStatusCode.NotFound);
        await (await limited.PatchAsJsonAsync($"/api/v1/goals/{otherGoal}", new { targetNps = 0 })).JsonAsync(HttpStatusCode.NotFound);
        await (await limited.PostAsJsonAsync("/api/v1/goals", new { departmentId = other, targetNps = 10, periodStart = "2026-08-01", periodEnd = "2026-08-31" }))
            .JsonAsync(HttpStatusCode.NotFound);
        await (await limited.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 10, periodStart = "2026-08-01", periodEnd = "2026-08-31" }))
            .JsonAsync(HttpStatusCode.Created);
        // The company-wide key still sees both departments.
        Assert.Equal(3, (await (await company.Api.GetAsync("/api/v1/goals")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_review_cadence_is_weekly_by_default_and_can_be_monthly()
    {
        var company = await CompanyAsync();
        var schedule = await (await company.Api.GetAsync("/api/v1/goals/review-schedule")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("weekly", schedule.GetProperty("cadence").GetString());
        await (await company.Api.PostAsJsonAsync("/api/v1/goals", new { departmentId = company.Department, targetNps = 20, periodStart = "2026-06-01", periodEnd = "2026-06-30" }))
            .JsonAsync(HttpStatusCode.Created);

        var monthly = await (await company.Api.PutAsJsonAsync("/api/v1/goals/review-schedule", new { cadence = "monthly" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("monthly", monthly.GetProperty("cadence").GetString());
        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Contains(await scheduler.GetTriggersOfJob(ReviewTriggers.ScheduledJob(company.TenantId)), t => t is ICronTrigger { CronExpressionString: "0 0 9 1 * ?" });
        var next = monthly.GetProperty("nextReviewAt").GetDateTimeOffset();
        Assert.Equal(1, TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul")).Day);
        var bad = await (await company.Api.PutAsJsonAsync("/api/v1/goals/review-schedule", new { cadence = "daily" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("cadence", out _));
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(Start);
    }
}
