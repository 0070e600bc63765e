using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// A production host (the Production environment, behind a proxy): HSTS on HTTPS, a __Host- session cookie
/// that is always Secure, and no-store on answers that carry secrets.
/// </summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.Fixture fixture) : IClassFixture<SecurityHeadersTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithEnvironment("Production").WithSetting("BehindProxy", "true");
    }

    // A secure cookie only comes back over https, so the browser of these tests talks https to the in-memory server.
    private HttpClient Browser(string address = "https://nps.example.test") =>
        fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(address) });

    private static HttpRequestMessage Get(string path, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    [Fact]
    public async Task A_request_the_proxy_says_came_over_https_gets_hsts()
    {
        var answer = await Browser("http://nps.example.test").SendAsync(Get("/login", forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_request_over_https_gets_hsts_and_one_over_plain_http_does_not()
    {
        var overHttps = await Browser().SendAsync(Get("/login"));
        var overHttp = await Browser("http://nps.example.test").SendAsync(Get("/login"));

        Assert.True(overHttps.Headers.Contains("Strict-Transport-Security"));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Without_behind_proxy_a_forwarded_https_claim_is_ignored()
    {
        await using var direct = new NpsAppFactory(fixture.Database).WithEnvironment("Production");
        var client = direct.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://nps.example.test") });

        var answer = await client.SendAsync(Get("/login", forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Logging_in_sets_a_host_prefixed_secure_session_cookie_that_opens_the_app()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = Browser();

        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-nps.session="));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/;", session + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        var app = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_set_over_plain_http_is_secure_all_the_same()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        // Cookies by hand: a cookie container would not send a Secure cookie back over http, a browser neither.
        var plain = fixture.App.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://nps.example.test"),
        });
        var page = await plain.GetAsync("/login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery."));
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);

        var login = await plain.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-nps.session="));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_answers_and_pages_that_show_secrets_are_not_stored()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://nps.example.test") });
        api.DefaultRequestHeaders.Authorization = new("Bearer", owner.ApiKey);
        var browser = Browser();
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });

        var answers = new[]
        {
            await api.GetAsync("/api/v1/departments"),
            await Browser().GetAsync("/api/v1/departments"), // 401, still an API answer
            await browser.GetAsync("/app/api-keys"),
            await browser.GetAsync("/app/webhooks"),
            await Browser().GetAsync("/signup"),
        };

        foreach (var answer in answers)
        {
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{answer.RequestMessage!.RequestUri} answered {answer.StatusCode} without no-store");
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[1].StatusCode);
        Assert.Equal(HttpStatusCode.OK, answers[2].StatusCode);
        Assert.Equal(HttpStatusCode.OK, answers[3].StatusCode);
    }

    [Theory]
    [InlineData("NpsCloud.Tenants", "NpsCloud.Tenants.Pages.App.ApiKeysModel")]
    [InlineData("NpsCloud.Tenants", "NpsCloud.Tenants.Pages.SignupModel")]
    [InlineData("NpsCloud.Tenants", "NpsCloud.Tenants.Pages.ResetPasswordModel")]
    [InlineData("NpsCloud.Webhooks", "NpsCloud.Webhooks.Pages.App.WebhooksModel")]
    [InlineData("NpsCloud.Webhooks", "NpsCloud.Webhooks.Pages.App.WebhookModel")]
    [InlineData("NpsCloud.Tenants", "NpsCloud.Tenants.Pages.App.TwoFactorModel")]
    public void Pages_that_show_secrets_say_no_store_themselves(string assembly, string page)
    {
        // A page with a form gets no-store from antiforgery as well; the attribute keeps it when a page has none.
        var type = System.Reflection.Assembly.Load(assembly).GetType(page, throwOnError: true)!;

        Assert.NotNull(type.GetCustomAttributes(typeof(NpsCloud.BuildingBlocks.Web.NoStoreAttribute), inherit: true).SingleOrDefault());
    }
}
