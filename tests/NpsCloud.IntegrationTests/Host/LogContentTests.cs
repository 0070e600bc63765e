using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// What the host writes to its logs at the levels it ships with (Information and up): routes and ids,
/// never a survey token, an email address, a subject or a respondent's score.
/// </summary>
public sealed class LogContentTests(LogContentTests.Fixture fixture) : IClassFixture<LogContentTests.Fixture>
{
    public sealed class Fixture : SmtpAppFixture
    {
        public CapturedLogs Logs { get; } = new();

        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app)
            .WithSetting("Logging:LogLevel:Default", "Information")
            .WithSetting("Sending:PollInterval", "00:00:00.100")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    [Fact]
    public async Task Answering_a_survey_by_link_and_sending_mail_logs_no_token_address_subject_or_score()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var surveyId = await SurveyApi.ActiveTransactionalAsync(api);
        var email = $"respondent-{Guid.NewGuid():N}@example.test";
        await SurveyApi.RequestAsync(api, surveyId, new { email, locale = "en" });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var links = SurveyApi.ScoreLinks(invitation.TextBody!);
        var token = SurveyApi.TokenOf(links[0]);
        var unsubscribe = new Uri(invitation.Headers["List-Unsubscribe"].Trim('<', '>', ' '));
        var unsubscribeToken = unsubscribe.Segments[^1];

        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(links[3]).PathAndQuery)).StatusCode);
        var posted = await browser.PostAsync("/r/" + token, new FormUrlEncodedContent([new("score", "3"), new("comment", "slow delivery")]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await browser.GetAsync(unsubscribe.PathAndQuery);
        await Poll.UntilAsync(() => Task.FromResult(fixture.Logs.Entries.Any(e => e.Contains("HTTP POST /r/{token} responded 302"))), "the answer's request log");
        await Poll.UntilAsync(() => Task.FromResult(fixture.Logs.Entries.Any(e => e.Contains("Sent mail <"))), "the invitation's mail log");

        var logs = string.Join('\n', fixture.Logs.Entries);
        Assert.Contains("HTTP GET /r/{token} responded 200", logs);
        Assert.DoesNotContain(token, logs);
        Assert.DoesNotContain(unsubscribeToken, logs);
        Assert.DoesNotContain(email, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(owner.Email, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@example.test", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(invitation.Subject, logs);
        Assert.DoesNotContain("slow delivery", logs);
        Assert.DoesNotMatch(new Regex(@"score\W{0,3}3\b", RegexOptions.IgnoreCase), logs);
    }
}
