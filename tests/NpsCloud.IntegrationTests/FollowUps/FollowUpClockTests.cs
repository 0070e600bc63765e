using System.Net;
using System.Net.Http.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>What time does to follow-ups, on a fake clock: escalation by the clustered job, metrics, re-surveys.</summary>
public sealed class FollowUpClockTests(FollowUpClockTests.Fixture fixture) : IClassFixture<FollowUpClockTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private DateTimeOffset Now => fixture.App.Clock!.GetUtcNow();

    private async Task<(TenantApi.SignedUp Company, HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        return (company, api, await SurveyApi.ActiveTransactionalAsync(api));
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient api, Guid survey, string email)
    {
        var responseId = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email, score = 2, comment = "Not good." })).GetProperty("id").GetGuid();
        return (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();
    }

    private int EscalationsAbout(string owner, string person) =>
        fixture.Smtp.Messages().Count(m => m.To.Contains(owner) && m.Subject.StartsWith("Overdue follow-up") && m.Subject.Contains(person));

    [Fact]
    public async Task Moving_the_clock_past_the_sla_escalates_a_case_once_and_mails_the_owner_exactly_once()
    {
        var (company, api, survey) = await CompanyAsync();
        var late = Address("late");
        var caseId = await OpenCaseAsync(api, survey, late);

        fixture.App.Clock!.Advance(TimeSpan.FromHours(49));
        await FollowUpApi.RunJobAsync(fixture.App);

        await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Overdue follow-up") && m.Subject.Contains(late), "the escalation email");
        var detail = await FollowUpApi.GetAsync(api, caseId);
        Assert.Equal("escalated", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.True(detail.GetProperty("case").GetProperty("overdue").GetBoolean());

        // The job again (with a second, later case as the sign that it ran), and the escalation event delivered twice.
        var sentinel = Address("sentinel");
        await OpenCaseAsync(api, survey, sentinel);
        fixture.App.Clock.Advance(TimeSpan.FromHours(49));
        await FollowUpApi.RunJobAsync(fixture.App);
        await fixture.Smtp.WaitForAsync(m => m.Subject.StartsWith("Overdue follow-up") && m.Subject.Contains(sentinel), "the second run's escalation");
        var eventFilter = $"type like '%.FollowUpStatusChanged' and payload->>'caseId' = '{caseId}'";
        await fixture.Database.ExecuteAsAdminAsync($"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where {eventFilter}");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);

        Assert.Equal(1, EscalationsAbout(company.Email, late));
        var history = (await FollowUpApi.GetAsync(api, caseId)).GetProperty("history").EnumerateArray();
        Assert.Single(history, h => h.GetProperty("kind").GetString() == "escalated");
        // A case someone contacted in time is never escalated.
        Assert.Equal("contacted", (await FollowUpApi.StatusAsync(api, caseId, "contacted")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_count_the_loop_closed_for_the_cases_opened_in_the_window()
    {
        var (_, api, survey) = await CompanyAsync();
        var department = await TenantApi.CreateDepartmentAsync(api, "Teslimat");
        var since = Now.AddMinutes(-1);
        async Task<Guid> Open(string who)
        {
            var responseId = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address(who), score = 4, departmentId = department })).GetProperty("id").GetGuid();
            return (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();
        }

        var contacted = await Open("contacted");
        var resolved = await Open("resolved");
        await Open("forgotten");
        fixture.App.Clock!.Advance(TimeSpan.FromHours(2));
        await FollowUpApi.StatusAsync(api, contacted, "contacted");
        fixture.App.Clock.Advance(TimeSpan.FromHours(4));
        await FollowUpApi.StatusAsync(api, resolved, "resolved", "Redelivered for free.");
        fixture.App.Clock.Advance(TimeSpan.FromHours(48));

        var metrics = await (await api.GetAsync($"/api/v1/follow-ups/metrics?since={Uri.EscapeDataString(since.ToString("O"))}&until={Uri.EscapeDataString(Now.AddMinutes(1).ToString("O"))}&departmentId={department}"))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, metrics.GetProperty("opened").GetInt32());
        Assert.Equal(2, metrics.GetProperty("contacted").GetInt32());
        Assert.Equal(66.7, metrics.GetProperty("contactedWithinSlaPercent").GetDouble()); // 2 in time of 3 whose due time has come
        Assert.Equal(4.0, metrics.GetProperty("medianHoursToFirstContact").GetDouble()); // 2 h and 6 h
        Assert.Equal(1, metrics.GetProperty("resolved").GetInt32());
        Assert.Equal(33.3, metrics.GetProperty("closedLoopRate").GetDouble());
        Assert.Equal(1, metrics.GetProperty("overdue").GetInt32());

        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set((await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid());
        var counts = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CountFollowUps([department, Guid.NewGuid()], Now));
        Assert.Equal([new DepartmentFollowUps(department, 2, 1)], counts);

        var backwards = await (await api.GetAsync($"/api/v1/follow-ups/metrics?since={Uri.EscapeDataString(Now.ToString("O"))}&until={Uri.EscapeDataString(since.ToString("O"))}"))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(backwards.GetProperty("errors").TryGetProperty("until", out _));
    }

    [Fact]
    public async Task A_resolved_case_surveys_the_person_again_after_the_set_days_but_never_someone_who_unsubscribed()
    {
        var (_, api, survey) = await CompanyAsync();
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { resurveyAfterResolutionDays = 7 })).JsonAsync(HttpStatusCode.OK);
        var willing = Address("willing");
        var leaving = Address("leaving");
        var willingCase = await OpenCaseAsync(api, survey, willing);
        var leavingCase = await OpenCaseAsync(api, survey, leaving);
        var leavingContact = (await FollowUpApi.GetAsync(api, leavingCase)).GetProperty("contact").GetProperty("id").GetGuid();
        await (await api.PostAsync($"/api/v1/contacts/{leavingContact}/unsubscribe", null)).JsonAsync(HttpStatusCode.OK);
        await FollowUpApi.StatusAsync(api, willingCase, "resolved", "Apologised and refunded.");
        await FollowUpApi.StatusAsync(api, leavingCase, "resolved");

        fixture.App.Clock!.Advance(TimeSpan.FromDays(8));
        await FollowUpApi.RunJobAsync(fixture.App);

        var again = await fixture.Smtp.WaitForAsync(m => m.To.Contains(willing), "the re-survey");
        Assert.Equal(11, SurveyApi.ScoreLinks(again.HtmlBody!).Count);
        await Poll.UntilAsync(async () => (await FollowUpApi.GetAsync(api, leavingCase)).GetProperty("case").GetProperty("resurveyedAt").ValueKind != System.Text.Json.JsonValueKind.Null,
            "the unsubscribed person's case to be looked at");
        var skipped = (await FollowUpApi.GetAsync(api, leavingCase)).GetProperty("history").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "resurveyed");
        Assert.Equal("not sent: unsubscribed", skipped.GetProperty("text").GetString());
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(leaving));
    }

    [Fact]
    public async Task A_detractor_who_gives_7_or_more_on_the_resurvey_is_won_back_on_the_case_and_in_the_metrics()
    {
        var (_, api, survey) = await CompanyAsync();
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { resurveyAfterResolutionDays = 7 })).JsonAsync(HttpStatusCode.OK);
        var since = Now.AddMinutes(-1);
        var wonBack = Address("won-back");
        var stillUnhappy = Address("still-unhappy");
        var wonBackCase = await OpenCaseAsync(api, survey, wonBack);
        var stillUnhappyCase = await OpenCaseAsync(api, survey, stillUnhappy);
        await FollowUpApi.StatusAsync(api, wonBackCase, "resolved", "Sent a new parcel.");
        await FollowUpApi.StatusAsync(api, stillUnhappyCase, "resolved");
        fixture.App.Clock!.Advance(TimeSpan.FromDays(8));
        await FollowUpApi.RunJobAsync(fixture.App);

        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        async Task AnswerResurveyAsync(string person, int score)
        {
            var again = await fixture.Smtp.WaitForAsync(m => m.To.Contains(person), "the re-survey");
            var link = SurveyApi.ScoreLinks(again.TextBody!)[0];
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/r/" + SurveyApi.TokenOf(link), new FormUrlEncodedContent([new("score", $"{score}")]))).StatusCode);
        }

        await AnswerResurveyAsync(wonBack, 8);
        await AnswerResurveyAsync(stillUnhappy, 4);

        await Poll.UntilAsync(async () => (await FollowUpApi.GetAsync(api, stillUnhappyCase)).GetProperty("case").GetProperty("resurvey").ValueKind != System.Text.Json.JsonValueKind.Null,
            "the re-survey answer on the case");
        var recovered = (await FollowUpApi.GetAsync(api, wonBackCase)).GetProperty("case").GetProperty("resurvey");
        Assert.Equal(8, recovered.GetProperty("score").GetInt32());
        Assert.True(recovered.GetProperty("recovered").GetBoolean());
        var unhappy = (await FollowUpApi.GetAsync(api, stillUnhappyCase)).GetProperty("case").GetProperty("resurvey");
        Assert.Equal(4, unhappy.GetProperty("score").GetInt32());
        Assert.False(unhappy.GetProperty("recovered").GetBoolean());
        var metrics = await (await api.GetAsync($"/api/v1/follow-ups/metrics?since={Uri.EscapeDataString(since.ToString("O"))}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, metrics.GetProperty("resurveyAnswered").GetInt32());
        Assert.Equal(1, metrics.GetProperty("recovered").GetInt32());
        // The answer that is still unhappy opens a case of its own.
        await FollowUpApi.WaitForCaseAsync(api, unhappy.GetProperty("responseId").GetGuid());
    }

    public sealed class Fixture : SmtpAppFixture
    {
        // The clock starts weeks behind the database's: events are due by the database's now(), so events
        // written at a clock moved ahead of it would wait until real time caught up.
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow.AddDays(-20))
            .WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
