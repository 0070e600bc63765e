using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>The optional <c>promoter</c> case ("thank and ask for a case study"), on a fake clock: off by default, and never escalated.</summary>
public sealed class PromoterCaseTests(PromoterCaseTests.Fixture fixture) : IClassFixture<PromoterCaseTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private static async Task<Guid> RecordAsync(HttpClient api, Guid survey, string email, int score) =>
        (await ResponseApi.RecordAsync(api, new { surveyId = survey, email, score })).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_promoter_opens_no_case_unless_the_company_asks_for_promoter_cases()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var settings = (await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.False(settings.GetProperty("followUpPromoters").GetBoolean());

        var promoter = await RecordAsync(api, survey, Address("happy"), 10);
        var detractor = await RecordAsync(api, survey, Address("sentinel"), 2);
        await FollowUpApi.WaitForCaseAsync(api, detractor);
        await FollowUpApi.OutboxDrainedAsync(fixture.Database); // so a promoter case, had one opened, would be there by now

        Assert.DoesNotContain(await FollowUpApi.ListAsync(api), c => c.GetProperty("responseId").GetGuid() == promoter);
    }

    [Fact]
    public async Task With_promoter_cases_on_a_promoter_opens_a_promoter_case_that_the_clock_never_escalates()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { followUpPromoters = true })).JsonAsync(HttpStatusCode.OK);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var happy = Address("happy");

        var promoterCase = await FollowUpApi.WaitForCaseAsync(api, await RecordAsync(api, survey, happy, 9));
        Assert.Equal("promoter", promoterCase.GetProperty("kind").GetString());
        Assert.Equal("open", promoterCase.GetProperty("status").GetString());
        var late = Address("late");
        var detractorCase = await FollowUpApi.WaitForCaseAsync(api, await RecordAsync(api, survey, late, 3));
        Assert.Equal("close_the_loop", detractorCase.GetProperty("kind").GetString());

        fixture.App.Clock!.Advance(TimeSpan.FromHours(49));
        await FollowUpApi.RunJobAsync(fixture.App);

        // The detractor's case escalates (the sign that the job ran); the promoter's stays open and pages nobody.
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Overdue follow-up") && m.Subject.Contains(late), "the detractor's escalation");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal("escalated", (await FollowUpApi.GetAsync(api, detractorCase.GetProperty("id").GetGuid())).GetProperty("case").GetProperty("status").GetString());
        var promoterDetail = await FollowUpApi.GetAsync(api, promoterCase.GetProperty("id").GetGuid());
        Assert.Equal("open", promoterDetail.GetProperty("case").GetProperty("status").GetString());
        Assert.DoesNotContain(promoterDetail.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "escalated");
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.Subject.StartsWith("Overdue follow-up") && m.Subject.Contains(happy));
    }

    public sealed class Fixture : SmtpAppFixture
    {
        // Weeks behind the database's clock, as in FollowUpClockTests: events are due by the database's now().
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow.AddDays(-20));
    }
}
