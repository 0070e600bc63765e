using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>"Send a test to me", "send now", the live counts and the first-run checklist, through HTTP, a real SMTP server and PostgreSQL.</summary>
public sealed partial class SendingYouCanSeeTests(SendingYouCanSeeTests.Fixture fixture) : IClassFixture<SendingYouCanSeeTests.Fixture>
{
    private static int _lastAddress;

    [Fact]
    public async Task A_test_send_of_a_draft_arrives_marked_as_a_test_and_its_answer_is_shown_but_never_counted()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.CreateAsync(client, new { name = "Draft to try", kind = "relationship", locale = "tr" });

        var sent = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = company.Email })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(company.Email, sent.GetProperty("email").GetString());
        var email = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("[Deneme]", StringComparison.Ordinal), "the test email");
        var token = SurveyApi.TokenOf(SurveyApi.ScoreLinks(email.HtmlBody!)[9]);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("data-testid=\"test-note\"", await browser.GetStringAsync($"/r/{token}?score=9"));

        var answered = await browser.PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "9", ["comment"] = "Güzel" }));

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var page = await browser.GetStringAsync($"/r/{token}?saved=true");
        Assert.Contains("data-testid=\"answer-saved\"", page);
        Assert.Contains("data-testid=\"test-note\"", page);
        Assert.Contains("Güzel", page);
        Assert.Equal(9, await fixture.Database.ScalarAsAdminAsync<int>($"select answered_score from surveys.test_sends where survey_id = '{survey}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from responses.responses where survey_id = '{survey}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from surveys.invitations where survey_id = '{survey}'"));
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, stats.GetProperty("invited").GetInt32());
        Assert.Equal(0, stats.GetProperty("sent").GetInt32());
        Assert.Equal(0, stats.GetProperty("responded").GetInt32());
        var status = await (await client.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_api_key_names_the_test_address_and_a_survey_gets_at_most_twenty_tests_a_day()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.CreateAsync(client, new { name = "Tried often", kind = "transactional", locale = "en" });

        var missing = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("email", out _));
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = "not an address" })).JsonAsync(HttpStatusCode.BadRequest);
        for (var i = 0; i < 20; i++)
        {
            await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = company.Email })).JsonAsync(HttpStatusCode.Created);
        }

        var refused = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = company.Email })).JsonAsync(HttpStatusCode.TooManyRequests);

        Assert.Contains("test_send_limit", refused.GetProperty("type").GetString());
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{Guid.NewGuid()}/test-sends", new { email = company.Email })).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sending_now_activates_a_draft_relationship_survey_without_a_schedule_and_its_invitations_are_queued_at_once()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var members = Enumerable.Range(1, 2).Select(i => $"now{i}-{Guid.NewGuid():N}@example.test").ToArray();
        var survey = await SurveyApi.CreateAsync(client, new { name = "Right now", kind = "relationship", locale = "en" });
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = members })).JsonAsync(HttpStatusCode.OK);

        var started = await (await client.PostAsync($"/api/v1/surveys/{survey}/waves", null)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("active", started.GetProperty("status").GetString());
        Assert.Equal(2, started.GetProperty("invited").GetInt32());
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, stats.GetProperty("queued").GetInt32() + stats.GetProperty("sent").GetInt32());
        Assert.Equal(2, stats.GetProperty("invited").GetInt32());
        await Poll.UntilAsync(() => Task.FromResult(members.All(m => fixture.Smtp.CountByRecipient().ContainsKey(m))), "both members' invitations");
        await Poll.UntilAsync(async () =>
        {
            var after = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
            return after.GetProperty("queued").GetInt32() == 0 && after.GetProperty("sent").GetInt32() == 2;
        }, "the counts to show both sent");
        // Sending again in the same minute is the same wave: nobody gets a second email.
        await (await client.PostAsync($"/api/v1/surveys/{survey}/waves", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from surveys.invitations where survey_id = '{survey}' and status <> 'throttled'"));
    }

    [Fact]
    public async Task After_sending_now_a_schedule_whose_first_time_passed_shows_its_next_wave_ahead_not_in_the_past()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var member = $"later-{Guid.NewGuid():N}@example.test";
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Quarterly, late start", kind = "relationship", locale = "en",
            schedule = new { cadence = "quarterly", firstWaveAt = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { member } })).JsonAsync(HttpStatusCode.OK);

        var started = await (await client.PostAsync($"/api/v1/surveys/{survey}/waves", null)).JsonAsync(HttpStatusCode.Created);

        Assert.True(started.GetProperty("nextWaveAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(60), "the next wave is the schedule's next time");
        var view = await (await client.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(view.GetProperty("nextWaveAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(member), "the wave sent now");
        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from surveys.waves where survey_id = '{survey}'"));
    }

    [Fact]
    public async Task The_first_run_checklist_ticks_each_step_as_the_owner_takes_it_on_the_survey_page()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(owner.ApiKey);
        var browser = await SignedInAsync(owner);
        var fresh = await browser.GetStringAsync("/app");
        Assert.Contains("data-testid=\"checklist\"", fresh);
        Assert.Matches("data-step=\"survey\" class=\"current\"", fresh);
        Assert.Contains("data-testid=\"sample-csv\"", fresh);

        var survey = await SurveyApi.CreateAsync(client, new { name = "First", kind = "relationship", locale = "en" });
        var member = $"customer-{Guid.NewGuid():N}@example.test";
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { member } })).JsonAsync(HttpStatusCode.OK);
        Assert.Matches("data-step=\"test\" class=\"current\"", await browser.GetStringAsync("/app"));

        var tested = await TenantApi.PostFormAsync(browser, $"/app/surveys/{survey}", new Dictionary<string, string>(), $"/app/surveys/{survey}?handler=SendTest");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        var flashed = await browser.GetStringAsync($"/app/surveys/{survey}");
        Assert.Matches($"data-testid=\"flash\">[^<]*{Regex.Escape(owner.Email)}", flashed);
        var email = await fixture.Smtp.WaitForAsync(m => m.To.Contains(owner.Email) && m.Subject.StartsWith("[Test]", StringComparison.Ordinal), "the test to the owner");
        Assert.Matches("data-step=\"answer\" class=\"current\"", await browser.GetStringAsync("/app"));
        var token = SurveyApi.TokenOf(SurveyApi.ScoreLinks(email.HtmlBody!)[10]);
        await browser.PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "10" }));
        Assert.Matches("data-step=\"send\" class=\"current\"", await browser.GetStringAsync("/app"));

        var confirm = await browser.GetStringAsync($"/app/surveys/{survey}?confirmSend=true");
        Assert.Contains("data-testid=\"send-now-confirm\"", confirm);
        var sending = await TenantApi.PostFormAsync(browser, $"/app/surveys/{survey}?confirmSend=true", new Dictionary<string, string>(), $"/app/surveys/{survey}?handler=SendNow");
        Assert.Equal(HttpStatusCode.Redirect, sending.StatusCode);
        var after = await browser.GetStringAsync($"/app/surveys/{survey}");
        Assert.Contains("data-testid=\"flash\"", after);
        Assert.Matches("data-testid=\"stat-(queued|sent)\" data-count=\"(queued|sent)\">1<", after);
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(member), "the member's invitation");
        await Poll.UntilAsync(async () => Regex.Matches(await browser.GetStringAsync("/app"), "data-step=\"\\w+\" class=\"done\"").Count == 5, "every step ticked");
        var counts = await (await browser.GetAsync($"/app/surveys/{survey}?handler=Counts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, counts.GetProperty("answered").GetInt32());
    }

    private async Task<HttpClient> SignedInAsync(TenantApi.SignedUp owner)
    {
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.78.{Interlocked.Increment(ref _lastAddress) / 250}.{_lastAddress % 250 + 1}");
        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
