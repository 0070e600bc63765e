using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// A new company proves its sign-up address before its surveys reach anyone but its owner; through the
/// emailed link, the real dispatcher and a real SMTP server.
/// </summary>
public sealed partial class EmailVerificationTests(EmailVerificationTests.Fixture fixture) : IClassFixture<EmailVerificationTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static bool IsInvitation(ReceivedEmail mail) => SurveyApi.ScoreLinks(mail.TextBody ?? "").Count > 0;

    private Task<ReceivedEmail> VerificationMailAsync(string owner) =>
        fixture.Smtp.WaitForAsync(m => m.To.Contains(owner) && m.Subject.StartsWith("Confirm your email address"), "the verification email");

    /// <summary>The status and reason of the invitation to an address, read as the operator would.</summary>
    private Task<string> InvitationStateAsync(string email) =>
        fixture.Database.ScalarAsAdminAsync<string>($"""
            select i.status || ':' || coalesce(i.reason, '') from surveys.invitations i
              join surveys.contacts c on c.tenant_id = i.tenant_id and c.id = i.contact_id
             where c.email = '{email}'
            """);

    /// <summary>The last link went out over a minute ago (instead of moving the clock, which the outbox would wait for).</summary>
    private Task AllowResendAsync(Guid tenantId) =>
        fixture.Database.ExecuteAsAdminAsync($"update tenants.tenants set verification_sent_at = verification_sent_at - interval '61 seconds' where tenant_id = '{tenantId}'");

    private async Task<bool> VerifiedAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("emailVerified").GetBoolean();

    [Fact]
    public async Task An_unverified_company_surveys_only_its_owner_and_the_others_wait_until_the_emailed_link_is_confirmed()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, verified: false);
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var customer = Address("customer");

        await SurveyApi.RequestAsync(api, survey, new { email = customer });
        await SurveyApi.RequestAsync(api, survey, new { email = company.Email });

        // The owner's own address is surveyed at once; the customer's invitation waits, scheduled, with its reason.
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && IsInvitation(m), "the invitation to the owner");
        await Poll.UntilAsync(async () => await InvitationStateAsync(customer) == "scheduled:waiting for the company's email verification", "the held invitation");
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(customer));
        Assert.False(await VerifiedAsync(api));

        var link = new Uri(VerificationLink().Match((await VerificationMailAsync(company.Email)).TextBody!).Value);
        var browser = Browser();
        var page = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Confirm my address", page);
        Assert.False(await VerifiedAsync(api)); // opening the link (a mail scanner does) proves nothing

        var confirmed = await TenantApi.PostFormAsync(browser, link.PathAndQuery, new Dictionary<string, string>());

        Assert.Contains("Your email address is confirmed", await confirmed.Content.ReadAsStringAsync());
        Assert.True(await VerifiedAsync(api));
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(customer), "the released invitation");
        Assert.True(IsInvitation(invitation));
        // The email goes out before its outcome is saved.
        await Poll.UntilAsync(async () => await InvitationStateAsync(customer) == "sent:", "the invitation marked sent, its reason cleared");
    }

    [Fact]
    public async Task A_forged_or_damaged_verification_link_verifies_nothing()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, verified: false);
        var link = new Uri(VerificationLink().Match((await VerificationMailAsync(company.Email)).TextBody!).Value);

        var damaged = await TenantApi.PostFormAsync(Browser(), link.PathAndQuery[..^3] + "xyz", new Dictionary<string, string>());

        Assert.Contains("This link is unknown or expired", await damaged.Content.ReadAsStringAsync());
        Assert.False(await VerifiedAsync(fixture.App.WithKey(company.ApiKey)));
    }

    [Fact]
    public async Task The_api_sends_a_new_link_at_most_once_a_minute_and_not_after_verification()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, verified: false);
        var api = fixture.App.WithKey(company.ApiKey);
        await VerificationMailAsync(company.Email);

        var tooSoon = await api.PostAsync("/api/v1/tenant/verification-email", null);
        Assert.Equal("rate_limited", (await tooSoon.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("code").GetString());
        Assert.InRange(int.Parse(tooSoon.Headers.GetValues("Retry-After").Single()), 1, 60);

        await AllowResendAsync(company.TenantId);
        var sent = await (await api.PostAsync("/api/v1/tenant/verification-email", null)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(company.Email, sent.GetProperty("sentTo").GetString());
        await Poll.UntilAsync(() => Task.FromResult(fixture.Smtp.Messages().Count(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Confirm")) == 2), "the second link");

        await TenantApi.VerifyEmailAsync(fixture.App, company.TenantId);
        await AllowResendAsync(company.TenantId);
        await (await api.PostAsync("/api/v1/tenant/verification-email", null)).JsonAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_dashboard_tells_an_unverified_owner_and_its_button_sends_the_link_again()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, verified: false, locale: "tr");
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.Contains("doğrulayın"), "the Turkish verification email");
        var browser = Browser();
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = company.Email, ["Form.Password"] = company.Password });

        var dashboard = await browser.GetStringAsync("/app");
        Assert.Contains("data-testid=\"unverified-banner\"", dashboard);

        await AllowResendAsync(company.TenantId);
        var resent = await TenantApi.PostFormAsync(browser, "/app", new Dictionary<string, string>(), "/app?handler=ResendVerification");
        Assert.Contains("data-testid=\"verification-resent\"", await resent.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => Task.FromResult(fixture.Smtp.Messages().Count(m => m.To.Contains(company.Email) && m.Subject.Contains("doğrulayın")) == 2), "the second link");

        await TenantApi.VerifyEmailAsync(fixture.App, company.TenantId);
        Assert.DoesNotContain("data-testid=\"unverified-banner\"", await browser.GetStringAsync("/app"));
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/verify-email\?token=[^\s""<>]+")]
    private static partial Regex VerificationLink();

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}

