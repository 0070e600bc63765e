using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>A trial's daily send quota, on a moved clock, the real dispatcher and a real SMTP server.</summary>
public sealed class TrialSendQuotaTests(TrialSendQuotaTests.Fixture fixture) : IClassFixture<TrialSendQuotaTests.Fixture>
{
    private const int Quota = 3;

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private Task<string> InvitationStateAsync(string email) =>
        fixture.Database.ScalarAsAdminAsync<string>($"""
            select i.status || ':' || coalesce(i.reason, '') from surveys.invitations i
              join surveys.contacts c on c.tenant_id = i.tenant_id and c.id = i.contact_id
             where c.email = '{email}'
            """);

    [Fact]
    public async Task A_trial_sends_its_daily_quota_and_the_rest_waits_for_the_next_day()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var customers = Enumerable.Range(0, Quota + 1).Select(i => Address($"quota{i}")).ToList();

        foreach (var customer in customers)
        {
            await SurveyApi.RequestAsync(api, survey, new { email = customer });
        }

        await Poll.UntilAsync(() => Task.FromResult(customers.Count(c => fixture.Smtp.Messages().Any(m => m.To.Contains(c))) == Quota), "the quota's invitations");
        var waiting = Assert.Single(customers, c => !fixture.Smtp.Messages().Any(m => m.To.Contains(c)));
        await Poll.UntilAsync(async () => await InvitationStateAsync(waiting) == "scheduled:waiting for tomorrow: the trial's daily send quota is used up", "the held invitation");
        var dashboard = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TenantApi.PostFormAsync(dashboard, "/login", new Dictionary<string, string> { ["Form.Email"] = company.Email, ["Form.Password"] = company.Password });
        Assert.Contains("data-testid=\"send-quota-used\"", await dashboard.GetStringAsync("/app"));

        // The next midnight (UTC, the company's zone) lets it go.
        var now = fixture.App.Clock!.GetUtcNow();
        fixture.App.Clock.Advance(now.Date.AddDays(1) - now.UtcDateTime + TimeSpan.FromMinutes(1));
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(waiting), "the invitation on the next day");
        // The email goes out before its outcome is saved.
        await Poll.UntilAsync(async () => await InvitationStateAsync(waiting) == "sent:", "the invitation marked sent, its reason cleared");
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow)
            .WithSetting("Sending:PollInterval", "00:00:00.100")
            .WithSetting("Sending:TrialDailyQuota", Quota.ToString());
    }
}
