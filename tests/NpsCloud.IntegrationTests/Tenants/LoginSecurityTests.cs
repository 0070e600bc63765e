using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// Sessions, passwords and sign-in at ASVS level 2, through the pages as a browser uses them. Every browser
/// comes from its own client address (the host runs behind a trusted proxy here), so the back-off of one
/// test does not reach another.
/// </summary>
public sealed partial class LoginSecurityTests(LoginSecurityTests.Fixture fixture) : IClassFixture<LoginSecurityTests.Fixture>
{
    private static int _lastAddress;

    private HttpClient Browser(string? address = null, bool handleCookies = true)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? NewAddress());
        return client;
    }

    private static string NewAddress() => $"10.77.{Interlocked.Increment(ref _lastAddress) / 250}.{_lastAddress % 250 + 1}";

    private static Task<HttpResponseMessage> LogInAsync(HttpClient browser, string email, string password) =>
        TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    private async Task<HttpClient> SignedInAsync(TenantApi.SignedUp owner, string? address = null)
    {
        var browser = Browser(address);
        var login = await LogInAsync(browser, owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    private static async Task AssertSentToLoginAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task After_logout_a_saved_copy_of_the_session_cookie_is_sent_to_the_login_page()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();
        var login = await LogInAsync(browser, owner.Email, owner.Password);
        var saved = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nps.session=")).Split(';')[0];
        var copy = Browser(handleCookies: false);
        copy.DefaultRequestHeaders.Add("Cookie", saved);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/app/api-keys")).StatusCode);

        var loggedOut = await TenantApi.PostFormAsync(browser, "/app", new Dictionary<string, string>(), postUrl: "/logout");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);

        await AssertSentToLoginAsync(copy, "/app/api-keys");
    }

    [Fact]
    public async Task A_change_of_the_security_stamp_ends_the_session_at_its_very_next_request()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = await SignedInAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode);

        await fixture.Database.ExecuteAsAdminAsync($"update tenants.users set security_stamp = 'changed-elsewhere' where email = '{owner.Email}'");

        await AssertSentToLoginAsync(browser, "/app");
    }

    [Fact]
    public async Task A_waiting_account_an_unknown_address_and_a_wrong_password_get_byte_identical_answers()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var other = await TenantApi.SignUpAsync(fixture.App);
        var attacker = NewAddress();
        for (var attempt = 1; attempt <= 6; attempt++) await LogInAsync(Browser(attacker), owner.Email, "wrong password " + attempt);

        var waiting = await LogInAsync(Browser(attacker), owner.Email, owner.Password); // the right password, while it waits
        var unknown = await LogInAsync(Browser(), "nobody-" + owner.Email, owner.Password);
        var wrong = await LogInAsync(Browser(), other.Email, "not the password");

        Assert.All(new[] { waiting, unknown, wrong }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = new[]
        {
            Normalized(await waiting.Content.ReadAsStringAsync(), owner.Email),
            Normalized(await unknown.Content.ReadAsStringAsync(), "nobody-" + owner.Email),
            Normalized(await wrong.Content.ReadAsStringAsync(), other.Email),
        };
        Assert.Contains("The email address or the password is not right.", answers[0]);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
    }

    [Fact]
    public async Task While_an_attacker_elsewhere_waits_the_owner_at_home_signs_in_and_the_wait_ends_on_its_own()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var attacker = NewAddress();
        for (var attempt = 1; attempt <= 8; attempt++) await LogInAsync(Browser(attacker), owner.Email, "guess " + attempt);

        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(Browser(attacker), owner.Email, owner.Password)).StatusCode); // refused
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(Browser(), owner.Email, owner.Password)).StatusCode);

        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(Browser(attacker), owner.Email, owner.Password)).StatusCode);
    }

    [Fact]
    public async Task A_reset_answers_the_same_for_a_garbage_token_an_unknown_person_and_a_spent_link()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var link = await ResetLinkAsync(owner.Email);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(link, "a brand new passphrase")).StatusCode);
        var userId = Regex.Match(link, "user=([0-9a-f]{32})").Groups[1].Value;

        var spent = await ResetAsync(link, "yet another passphrase");
        var garbage = await ResetAsync($"/reset-password?user={userId}&token=garbage", "yet another passphrase");
        var unknown = await ResetAsync($"/reset-password?user={Guid.NewGuid():N}&token=garbage", "yet another passphrase");
        var obvious = await ResetAsync($"/reset-password?user={userId}&token=garbage", owner.Email); // the email as password

        foreach (var response in new[] { spent, garbage, unknown, obvious })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/reset-password?failed=true", response.Headers.Location?.OriginalString);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }

        var page = await Browser().GetStringAsync("/reset-password?failed=true");
        Assert.Contains("unknown, already used or expired", page);
        Assert.DoesNotContain("Form.Password", page);
    }

    [Fact]
    public async Task A_reset_takes_the_account_back_the_old_sessions_end_and_the_keys_made_before_stop_working()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App); // sign-up made an admin key in the owner's name
        var squatter = await SignedInAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.WithKey(owner.ApiKey).GetAsync("/api/v1/tenant")).StatusCode);

        var link = await ResetLinkAsync(owner.Email);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(link, "the real owner is back")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.WithKey(owner.ApiKey).GetAsync("/api/v1/tenant")).StatusCode);
        await AssertSentToLoginAsync(squatter, "/app");
        var revoked = await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from tenants.api_keys where tenant_id = '{owner.TenantId}' and revoked_at is not null");
        Assert.Equal(1L, revoked);
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(Browser(), owner.Email, "the real owner is back")).StatusCode);
    }

    [Fact]
    public async Task A_common_or_breached_password_is_refused_at_sign_up_with_a_400_naming_the_field_and_on_the_page()
    {
        var response = await fixture.App.CreateClient().PostAsJsonAsync("/api/v1/signup", new
        {
            companyName = "Zayıf Parola AŞ", name = "Owner Person", email = $"owner-{Guid.NewGuid():N}@example.test", password = "1234567890", locale = "en",
        });

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("common or leaked", problem.GetProperty("errors").GetProperty("password")[0].GetString());

        var page = await TenantApi.PostFormAsync(Browser(), "/signup", new Dictionary<string, string>
        {
            ["Form.CompanyName"] = "Zayıf Parola AŞ", ["Form.Name"] = "Owner Person", ["Form.Email"] = $"owner-{Guid.NewGuid():N}@example.test",
            ["Form.Password"] = "Qwertyuiop", ["Form.Locale"] = "en",
        });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("common or leaked", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_password_stored_with_100000_iterations_is_rehashed_with_210000_at_sign_in()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        Assert.Equal(210_000, Iterations(await StoredHashAsync(owner.Email)));
        var old = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(new object(), owner.Password);
        await fixture.Database.ExecuteAsAdminAsync($"update tenants.users set password_hash = '{old}' where email = '{owner.Email}'");
        Assert.Equal(100_000, Iterations(await StoredHashAsync(owner.Email)));

        await SignedInAsync(owner);

        Assert.Equal(210_000, Iterations(await StoredHashAsync(owner.Email)));
    }

    [Fact]
    public async Task Creating_an_api_key_needs_a_sign_in_within_ten_minutes_and_the_short_form_returns_to_the_page()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = await SignedInAsync(owner);
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(11));

        var create = await TenantApi.PostFormAsync(browser, "/app/api-keys", new Dictionary<string, string> { ["Form.Name"] = "CRM", ["Form.Scopes"] = "read" },
            postUrl: "/app/api-keys?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Fapp%2Fapi-keys", create.Headers.Location?.OriginalString);

        var wrong = await TenantApi.PostFormAsync(browser, "/reauthenticate?returnUrl=%2Fapp%2Fapi-keys", new Dictionary<string, string> { ["Form.Secret"] = "not it at all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var proved = await TenantApi.PostFormAsync(browser, "/reauthenticate?returnUrl=%2Fapp%2Fapi-keys", new Dictionary<string, string> { ["Form.Secret"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, proved.StatusCode);
        Assert.Equal("/app/api-keys", proved.Headers.Location?.OriginalString);

        var again = await TenantApi.PostFormAsync(browser, "/app/api-keys", new Dictionary<string, string> { ["Form.Name"] = "CRM", ["Form.Scopes"] = "read" },
            postUrl: "/app/api-keys?handler=Create");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("nps_live_", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_refuses_a_common_one_and_ends_the_other_sessions()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var here = await SignedInAsync(owner);
        var elsewhere = await SignedInAsync(owner);

        var wrongCurrent = await TenantApi.PostFormAsync(here, "/app/account",
            new Dictionary<string, string> { ["Form.CurrentPassword"] = "not my password", ["Form.NewPassword"] = "a much better passphrase" });
        Assert.Contains("The current password is not right.", await wrongCurrent.Content.ReadAsStringAsync());
        var common = await TenantApi.PostFormAsync(here, "/app/account",
            new Dictionary<string, string> { ["Form.CurrentPassword"] = owner.Password, ["Form.NewPassword"] = "password1234" });
        Assert.Contains("common or leaked", await common.Content.ReadAsStringAsync());

        var changed = await TenantApi.PostFormAsync(here, "/app/account",
            new Dictionary<string, string> { ["Form.CurrentPassword"] = owner.Password, ["Form.NewPassword"] = "a much better passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Your password was changed", await here.GetStringAsync(changed.Headers.Location!.OriginalString));
        await AssertSentToLoginAsync(elsewhere, "/app");
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(Browser(), owner.Email, "a much better passphrase")).StatusCode);
    }

    [Fact]
    public async Task With_two_factor_on_the_password_leads_to_the_code_step_and_a_recovery_code_works_once()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = await SignedInAsync(owner);
        var codes = await EnrolAsync(browser);
        Assert.Equal(10, codes.Count);

        var login = await LogInAsync(Browser(), owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/login/code", login.Headers.Location?.OriginalString);

        var codeStep = Browser();
        await LogInAsync(codeStep, owner.Email, owner.Password);
        var wrong = await TenantApi.PostFormAsync(codeStep, "/login/code", new Dictionary<string, string> { ["Form.Code"] = "000000" });
        Assert.Contains("That code is not right.", await wrong.Content.ReadAsStringAsync());
        var recovered = await TenantApi.PostFormAsync(codeStep, "/login/code", new Dictionary<string, string> { ["Form.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await codeStep.GetAsync("/app")).StatusCode);

        var reused = Browser();
        await LogInAsync(reused, owner.Email, owner.Password);
        var spent = await TenantApi.PostFormAsync(reused, "/login/code", new Dictionary<string, string> { ["Form.Code"] = codes[0] });
        Assert.Contains("That code is not right.", await spent.Content.ReadAsStringAsync());
        fixture.App.Clock!.Advance(TimeSpan.FromSeconds(30)); // the app shows the next code
        var code = Totp.Code(await KeyAsync(owner.Email), fixture.App.Clock.GetUtcNow());
        var withApp = await TenantApi.PostFormAsync(reused, "/login/code", new Dictionary<string, string> { ["Form.Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, withApp.StatusCode);

        // A code works once: someone who saw it cannot sign in with it too.
        var onlooker = Browser();
        await LogInAsync(onlooker, owner.Email, owner.Password);
        var replayed = await TenantApi.PostFormAsync(onlooker, "/login/code", new Dictionary<string, string> { ["Form.Code"] = code });
        Assert.Contains("That code is not right.", await replayed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_company_that_requires_two_factor_sends_people_without_it_to_set_it_up_first()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = await SignedInAsync(owner);
        var refused = await TenantApi.PostFormAsync(browser, "/app/account/two-factor", new Dictionary<string, string> { ["required"] = "true" },
            postUrl: "/app/account/two-factor?handler=Company");
        Assert.Contains("Turn on two-step verification for yourself first.", await refused.Content.ReadAsStringAsync());
        await EnrolAsync(browser);

        var saved = await TenantApi.PostFormAsync(browser, "/app/account/two-factor", new Dictionary<string, string> { ["required"] = "true" },
            postUrl: "/app/account/two-factor?handler=Company");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var email = $"viewer-{Guid.NewGuid():N}@example.test";
        await (await fixture.App.WithKey(owner.ApiKey).PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "Viewer" })).JsonAsync(HttpStatusCode.Created);
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation email");
        var viewer = Browser();
        var accepted = await TenantApi.PostFormAsync(viewer, new Uri(AcceptLink().Match(mail.TextBody!).Value).PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = "Deniz Viewer", ["Form.Password"] = "viewer of the numbers" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var app = await viewer.GetAsync("/app/departments");

        Assert.Equal(HttpStatusCode.Redirect, app.StatusCode);
        Assert.Equal("/app/account/two-factor?required=true", app.Headers.Location?.OriginalString);
        Assert.Contains("Your company requires two-step verification.", await viewer.GetStringAsync("/app/account/two-factor?required=true"));
    }

    /// <summary>Turns the second factor on from its page, as a person with an authenticator app would; answers the recovery codes.</summary>
    private async Task<List<string>> EnrolAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/app/account/two-factor");
        var key = WebUtility.HtmlDecode(KeyOnPage().Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(key), "no key on the two-factor page");
        Assert.Contains("<svg", page);
        var enabled = await TenantApi.PostFormAsync(browser, "/app/account/two-factor",
            new Dictionary<string, string> { ["Form.Code"] = Totp.Code(key, fixture.App.Clock!.GetUtcNow()) }, postUrl: "/app/account/two-factor?handler=Enable");
        var body = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("Two-step verification is on.", body);
        return RecoveryCode().Matches(body).Select(m => m.Groups[1].Value).ToList();
    }

    private Task<string> KeyAsync(string email) =>
        fixture.Database.ScalarAsAdminAsync<string>($"select authenticator_key from tenants.users where email = '{email}'");

    private async Task<string> ResetLinkAsync(string email)
    {
        var before = fixture.Smtp.Messages().Count(m => m.To.Contains(email));
        await TenantApi.PostFormAsync(Browser(), "/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        await Poll.UntilAsync(() => Task.FromResult(fixture.Smtp.Messages().Count(m => m.To.Contains(email)) > before), "the reset email");
        var mail = fixture.Smtp.Messages().Last(m => m.To.Contains(email));
        return new Uri(ResetLink().Match(mail.TextBody!).Value).PathAndQuery;
    }

    private Task<HttpResponseMessage> ResetAsync(string link, string password) =>
        TenantApi.PostFormAsync(Browser(), link, new Dictionary<string, string> { ["Form.Password"] = password });

    private Task<string> StoredHashAsync(string email) =>
        fixture.Database.ScalarAsAdminAsync<string>($"select password_hash from tenants.users where email = '{email}'");

    /// <summary>The iteration count of an Identity v3 hash: format byte, PRF (4 bytes), iterations (4 bytes, big-endian).</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }

    /// <summary>The page without what must differ between two answers: the antiforgery token and the address typed.</summary>
    private static string Normalized(string page, string? email)
    {
        var withoutToken = AntiforgeryValue().Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"TOKEN\"");
        return email is null ? withoutToken : withoutToken.Replace(email, "EMAIL");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow).WithSetting("BehindProxy", "true");
    }
}
