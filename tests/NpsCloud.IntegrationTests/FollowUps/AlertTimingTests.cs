using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.FollowUps.Escalation;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>
/// When a case's alert goes, on a fake clock with the real SMTP server: an emailed score is recorded on the
/// click and its comment a little later, so the alert waits for the comment (at most the grace period).
/// </summary>
public sealed class AlertTimingTests(AlertTimingTests.Fixture fixture) : IClassFixture<AlertTimingTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private sealed record Invited(string Person, string Page, HttpClient Browser);

    private async Task<(TenantApi.SignedUp Company, HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        return (company, api, await SurveyApi.ActiveTransactionalAsync(api));
    }

    /// <summary>The person clicks a score in the invitation: the score is recorded, the comment not yet written.</summary>
    private async Task<(Invited Invited, Guid CaseId)> ClickScoreAsync(HttpClient api, Guid survey, string who, int score)
    {
        var person = Address(who);
        await SurveyApi.RequestAsync(api, survey, new { email = person });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(person), "the invitation");
        var invited = new Invited(person, "/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(invitation.TextBody!)[0]), fixture.App.CreateClient(new() { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.Redirect, (await invited.Browser.PostAsync(invited.Page, Form(score))).StatusCode);
        var responseId = (await ResponseApi.ListAsync(api)).Single(r => r.GetProperty("contact").GetProperty("email").GetString() == person).GetProperty("id").GetGuid();
        return (invited, (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid());
    }

    private static FormUrlEncodedContent Form(int score, string? comment = null) =>
        new(comment is null ? [new("score", $"{score}")] : [new("score", $"{score}"), new("comment", comment)]);

    private int AlertsAbout(string to, string person) => fixture.Smtp.Messages().Count(m => m.To.Contains(to) && m.Subject.StartsWith("Follow up:") && m.Subject.Contains(person));

    private async Task RunAlertsJobAsync()
    {
        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(FollowUpAlertsJob.Key);
    }

    /// <summary>Moves the clock past every waiting grace period, runs the job and waits for a sentinel's alert: the job has run, and what it sent has been sent.</summary>
    private async Task GracePeriodPassesAsync(HttpClient api, Guid survey, string ownerEmail)
    {
        var (sentinel, _) = await ClickScoreAsync(api, survey, "sentinel", 1);
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(4));
        await RunAlertsJobAsync();
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(ownerEmail) && m.Subject.StartsWith("Follow up:") && m.Subject.Contains(sentinel.Person), "the sentinel's alert");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
    }

    [Fact]
    public async Task An_emailed_detractor_who_comments_within_the_grace_period_produces_exactly_one_alert_and_it_carries_the_comment()
    {
        var (company, api, survey) = await CompanyAsync();
        var (invited, caseId) = await ClickScoreAsync(api, survey, "late-parcel", 2);
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(0, AlertsAbout(company.Email, invited.Person)); // the case is open, its alert waits for the comment

        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(1));
        await invited.Browser.PostAsync(invited.Page, Form(2, "The parcel came a week late and nobody answered the phone."));

        var alert = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Follow up:") && m.Subject.Contains(invited.Person), "the alert");
        Assert.Contains("The parcel came a week late and nobody answered the phone.", alert.TextBody);
        await GracePeriodPassesAsync(api, survey, company.Email);
        Assert.Equal(1, AlertsAbout(company.Email, invited.Person));
        var detail = await FollowUpApi.GetAsync(api, caseId);
        Assert.Single(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "commented");
    }

    [Fact]
    public async Task Without_a_comment_the_alert_goes_when_the_grace_period_passes_and_a_later_comment_sends_one_update_never_more()
    {
        var (company, api, survey) = await CompanyAsync();
        var (invited, _) = await ClickScoreAsync(api, survey, "silent", 4);

        await GracePeriodPassesAsync(api, survey, company.Email);
        var alert = Assert.Single(fixture.Smtp.Messages(), m => m.To.Contains(company.Email) && m.Subject.Contains(invited.Person));
        Assert.Contains("No comment", alert.TextBody);

        await invited.Browser.PostAsync(invited.Page, Form(4, "Support closed my ticket without an answer."));
        var update = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.Contains("added a comment") && m.Subject.Contains(invited.Person), "the update");
        Assert.Contains("Support closed my ticket without an answer.", update.TextBody);

        await invited.Browser.PostAsync(invited.Page, Form(3, "Support closed my ticket twice without an answer."));
        await GracePeriodPassesAsync(api, survey, company.Email);
        Assert.Equal(2, fixture.Smtp.Messages().Count(m => m.To.Contains(company.Email) && m.Subject.Contains(invited.Person)));
    }

    [Fact]
    public async Task A_passive_asked_for_feedback_becomes_a_case_to_close_the_loop_on_when_the_comment_arrives_and_its_one_alert_says_so()
    {
        var (company, api, survey) = await CompanyAsync();
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { followUpPassives = true })).JsonAsync(HttpStatusCode.OK);
        var (invited, caseId) = await ClickScoreAsync(api, survey, "passive", 7);
        Assert.Equal("ask_for_feedback", (await FollowUpApi.GetAsync(api, caseId)).GetProperty("case").GetProperty("kind").GetString());

        await invited.Browser.PostAsync(invited.Page, Form(7, "Fine, but the app logs me out every day."));

        await Poll.UntilAsync(async () => (await FollowUpApi.GetAsync(api, caseId)).GetProperty("case").GetProperty("kind").GetString() == "close_the_loop", "the kind to change");
        var alert = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.Contains(invited.Person), "the alert");
        Assert.Contains("gave 7/10", alert.TextBody);
        Assert.Contains("the app logs me out every day", alert.TextBody);
        await GracePeriodPassesAsync(api, survey, company.Email);
        Assert.Equal(1, AlertsAbout(company.Email, invited.Person));
    }

    [Fact]
    public async Task An_answer_through_the_api_alerts_at_once_with_or_without_a_comment_because_none_can_follow()
    {
        var (company, api, survey) = await CompanyAsync();
        var person = Address("phoned-in");
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = person, score = 0 });

        var alert = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Follow up:") && m.Subject.Contains(person), "the alert");
        Assert.Contains("No comment", alert.TextBody);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        // The clock starts weeks behind the database's: events are due by the database's now() (see FollowUpClockTests).
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow.AddDays(-20))
            .WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
