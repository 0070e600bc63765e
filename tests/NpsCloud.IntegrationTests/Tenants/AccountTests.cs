using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>People's accounts through the pages, as a browser would use them (cookies, antiforgery, emailed links).</summary>
public sealed partial class AccountTests(AccountTests.Fixture fixture) : IClassFixture<AccountTests.Fixture>
{
    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> LogInAsync(HttpClient browser, string email, string password) =>
        TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    [Fact]
    public async Task Logging_in_gives_an_httponly_samesite_session_that_opens_the_app()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();

        var login = await LogInAsync(browser, owner.Email, owner.Password);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/app/start", login.Headers.Location?.OriginalString);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nps.session="));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        var app = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Contains("Owner Person", await app.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_app_asks_a_visitor_to_log_in()
    {
        var response = await Browser().GetAsync("/app/departments");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_get_the_same_answer()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);

        var unknown = await (await LogInAsync(Browser(), "nobody-" + owner.Email, owner.Password)).Content.ReadAsStringAsync();
        var wrong = await (await LogInAsync(Browser(), owner.Email, "not the password")).Content.ReadAsStringAsync();

        Assert.Contains("The email address or the password is not right.", unknown);
        Assert.Contains("The email address or the password is not right.", wrong);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link_and_the_old_one_stops_working()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();

        var asked = await TenantApi.PostFormAsync(browser, "/forgot-password", new Dictionary<string, string> { ["Email"] = owner.Email });
        Assert.Contains("If an account uses this address", await asked.Content.ReadAsStringAsync());
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(owner.Email) && m.Subject.Contains("Reset"), "the reset email");
        var link = new Uri(ResetLink().Match(mail.TextBody!).Value);

        var reset = await TenantApi.PostFormAsync(browser, link.PathAndQuery, new Dictionary<string, string> { ["Form.Password"] = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/login?notice=reset", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(Browser(), owner.Email, owner.Password)).StatusCode); // the form again: refused
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(Browser(), owner.Email, "a brand new passphrase")).StatusCode);

        // The link is spent.
        var again = await TenantApi.PostFormAsync(Browser(), link.PathAndQuery, new Dictionary<string, string> { ["Form.Password"] = "yet another passphrase" });
        Assert.Equal("/reset-password?failed=true", again.Headers.Location?.OriginalString);
        Assert.Contains("unknown, already used or expired", await Browser().GetStringAsync("/reset-password?failed=true"));
    }

    [Fact]
    public async Task A_page_is_titled_in_the_browser_tab_with_its_own_name_in_the_readers_language()
    {
        var english = Browser();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var turkish = Browser();
        turkish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        Assert.Contains("<title>Forgot your password? · NpsCloud</title>", await english.GetStringAsync("/forgot-password"));
        var turkishPage = await turkish.GetStringAsync("/forgot-password");
        Assert.Contains("<title>Parolanızı mı unuttunuz? · NpsCloud</title>", turkishPage);
        Assert.Contains(">İçeriğe geç</a>", turkishPage); // the skip link too
    }

    [Fact]
    public async Task Asking_to_reset_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        var address = $"nobody-{Guid.NewGuid():N}@example.test";

        var asked = await TenantApi.PostFormAsync(Browser(), "/forgot-password", new Dictionary<string, string> { ["Email"] = address });

        Assert.Contains("If an account uses this address", await asked.Content.ReadAsStringAsync());
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(address));
    }

    [Fact]
    public async Task An_invited_department_head_accepts_by_the_emailed_link_and_gets_the_role_and_department()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var department = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var email = $"head-{Guid.NewGuid():N}@example.test";
        await (await api.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "DepartmentHead", departmentIds = new[] { department } }))
            .JsonAsync(HttpStatusCode.Created);

        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation email");
        var link = new Uri(AcceptLink().Match(mail.TextBody!).Value);
        var browser = Browser();
        var accepted = await TenantApi.PostFormAsync(browser, link.PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = "Ece Kaya", ["Form.Password"] = "head of support desk" });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // Signed in, they start on their department's page (the company overview is the owner's).
        Assert.Equal("/app/start", (await browser.GetAsync("/app")).Headers.Location?.OriginalString);
        Assert.Equal($"/departments/{department}", (await browser.GetAsync("/app/start")).Headers.Location?.OriginalString);
        var users = await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK);
        var head = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email);
        Assert.Equal("DepartmentHead", head.GetProperty("role").GetString());
        Assert.Equal([department], head.GetProperty("departmentIds").EnumerateArray().Select(d => d.GetGuid()));
        // A department head does not manage users.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/app/users")).StatusCode);
        // The link works once.
        Assert.Contains("unknown, already used or expired", await Browser().GetStringAsync(link.PathAndQuery));
    }

    [Fact]
    public async Task Logging_out_takes_a_post_with_its_antiforgery_token()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();
        await LogInAsync(browser, owner.Email, owner.Password);

        var forged = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode);

        var loggedOut = await TenantApi.PostFormAsync(browser, "/app", new Dictionary<string, string>(), postUrl: "/logout");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task A_browser_signed_in_to_one_company_can_log_in_to_another_and_sign_up_a_third()
    {
        var first = await TenantApi.SignUpAsync(fixture.App);
        var second = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();
        await LogInAsync(browser, first.Email, first.Password);

        var switched = await LogInAsync(browser, second.Email, second.Password);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var signUp = await TenantApi.PostFormAsync(browser, "/signup", new Dictionary<string, string>
        {
            ["Form.CompanyName"] = "Third Company", ["Form.Name"] = "Third Owner", ["Form.Email"] = $"third-{Guid.NewGuid():N}@example.test",
            ["Form.Password"] = "third company passphrase", ["Form.Locale"] = "en",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        Assert.Equal("/signup/welcome", signUp.Headers.Location?.OriginalString);
        Assert.Contains("nps_live_", await browser.GetStringAsync("/signup/welcome"));
        Assert.Contains("Third Company", await (await browser.GetAsync("/app")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var path in new[] { "/", "/login", "/api/v1/tenant", "/health/live" })
        {
            var response = await Browser().GetAsync(path);

            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    public sealed class Fixture : SmtpAppFixture;
}

/// <summary>The door limits, with limits low enough to reach.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    [Fact]
    public async Task Too_many_sign_ups_from_one_address_get_a_429_problem_with_retry_after()
    {
        var responses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            responses.Add(await fixture.App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { companyName = "", name = "", email = "", password = "", locale = "en" }));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], responses.Take(3).Select(r => r.StatusCode));
        var last = responses[^1];
        var problem = await last.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.True(last.Headers.RetryAfter is not null);
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("RateLimits:signupPerMinute", "3");
    }
}

/// <summary>Mail that must go now (an invitation) with the mail server down: a 503, and nothing kept.</summary>
public sealed class MailServerDownTests(MailServerDownTests.Fixture fixture) : IClassFixture<MailServerDownTests.Fixture>
{
    [Fact]
    public async Task An_invitation_whose_email_cannot_go_out_answers_503_and_is_not_kept()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);

        var response = await fixture.App.WithKey(owner.ApiKey).PostAsJsonAsync("/api/v1/users/invitations", new { email = "lost@example.test", role = "Viewer" });

        var problem = await response.JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("mail_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from tenants.invitations where tenant_id = '{owner.TenantId}'"));
    }

    public sealed class Fixture : AppFixture
    {
        // Nothing listens on this port: every SMTP connection is refused.
        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            app.WithSetting("Email:Host", "127.0.0.1").WithSetting("Email:Port", Network.FreePort().ToString());
    }
}

/// <summary>Behind a TLS-terminating proxy (NPS_BEHIND_PROXY=true) the session cookie is marked Secure.</summary>
public sealed class BehindProxyTests(BehindProxyTests.Fixture fixture) : IClassFixture<BehindProxyTests.Fixture>
{
    [Fact]
    public async Task A_session_started_over_https_at_the_proxy_gets_a_secure_cookie()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });

        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nps.session="));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("BehindProxy", "true");
    }
}
