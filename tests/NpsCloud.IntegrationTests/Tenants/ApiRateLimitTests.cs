using System.Net;
using System.Net.Http.Json;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>The limit per API key, on a host whose clock the test moves (so no test waits for a minute to pass).</summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.Fixture fixture) : IClassFixture<ApiRateLimitTests.Fixture>
{
    [Fact]
    public async Task The_61st_call_of_a_key_in_a_minute_gets_a_429_with_retry_after_and_other_keys_go_on()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var settings = await (await admin.PatchAsJsonAsync("/api/v1/tenant/settings", new { apiRequestsPerMinute = 60 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(60, settings.GetProperty("settings").GetProperty("apiRequestsPerMinute").GetInt32());
        var busy = fixture.App.WithKey(await TenantApi.CreateKeyAsync(admin, "read"));
        var other = fixture.App.WithKey(await TenantApi.CreateKeyAsync(admin, "read"));

        for (var call = 1; call <= 60; call++)
        {
            var answer = await busy.GetAsync("/api/v1/tenant");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("60", Header(answer, "RateLimit-Limit"));
            Assert.Equal((60 - call).ToString(), Header(answer, "RateLimit-Remaining"));
            Assert.Equal("60", Header(answer, "RateLimit-Reset")); // the clock stands still
            Assert.Equal("60;w=60", Header(answer, "RateLimit-Policy"));
        }

        var refused = await busy.GetAsync("/api/v1/tenant");
        var problem = await refused.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Header(refused, "RateLimit-Remaining"));

        var unaffected = await other.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal("59", Header(unaffected, "RateLimit-Remaining"));

        fixture.App.Clock!.Advance(TimeSpan.FromSeconds(45));
        var stillRefused = await busy.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), stillRefused.Headers.RetryAfter?.Delta);
        Assert.Equal("15", Header(stillRefused, "RateLimit-Reset"));

        fixture.App.Clock.Advance(TimeSpan.FromSeconds(15));
        var nextWindow = await busy.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
        Assert.Equal("59", Header(nextWindow, "RateLimit-Remaining"));
    }

    [Fact]
    public async Task Refusals_count_too_and_carry_the_rate_limit_fields()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var reader = fixture.App.WithKey(await TenantApi.CreateKeyAsync(admin, "read"));

        var forbidden = await reader.PostAsJsonAsync("/api/v1/departments", new { name = "Nope" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var missing = await reader.GetAsync($"/api/v1/departments/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The operator's default (this test host's) applies to a company that set none.
        Assert.Equal("1000", Header(forbidden, "RateLimit-Limit"));
        Assert.Equal("999", Header(forbidden, "RateLimit-Remaining"));
        Assert.Equal("998", Header(missing, "RateLimit-Remaining"));
        var company = await (await reader.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1000, company.GetProperty("settings").GetProperty("apiRequestsPerMinute").GetInt32());
    }

    [Fact]
    public async Task A_limit_outside_60_to_10000_is_a_400_naming_the_setting()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        foreach (var limit in new[] { 59, 10001 })
        {
            var problem = await (await admin.PatchAsJsonAsync("/api/v1/tenant/settings", new { apiRequestsPerMinute = limit })).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("apiRequestsPerMinute", out _));
        }
    }

    [Fact]
    public async Task A_company_cannot_raise_its_limit_above_the_operators_ceiling()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        var problem = await (await admin.PatchAsJsonAsync("/api/v1/tenant/settings", new { apiRequestsPerMinute = 1201 })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("1200", Assert.Single(problem.GetProperty("errors").GetProperty("apiRequestsPerMinute").EnumerateArray()).GetString());
        var saved = await (await admin.PatchAsJsonAsync("/api/v1/tenant/settings", new { apiRequestsPerMinute = 1200 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1200, saved.GetProperty("settings").GetProperty("apiRequestsPerMinute").GetInt32());
    }

    [Fact]
    public async Task An_owner_sets_the_limit_on_the_settings_page()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });

        var page = await browser.GetStringAsync("/app/settings");
        Assert.Contains("placeholder=\"1000\"", page); // the default, as the field is empty
        var saved = await TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>
        {
            ["Form.Locale"] = "en", ["Form.TimeZone"] = "UTC", ["Form.ThrottleDays"] = "30", ["Form.FollowUpSlaHours"] = "48",
            ["Form.ResurveyAfterResolutionDays"] = "0", ["Form.ApiRequestsPerMinute"] = "120",
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var company = await (await fixture.App.WithKey(owner.ApiKey).GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(120, company.GetProperty("settings").GetProperty("apiRequestsPerMinute").GetInt32());
    }

    [Fact]
    public async Task Calls_without_a_valid_key_carry_no_rate_limit_fields()
    {
        var anonymous = await fixture.App.CreateClient().GetAsync("/api/v1/tenant");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(anonymous.Headers.Contains("RateLimit-Limit"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            app.WithFakeClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)).WithSetting("RateLimits:apiKeyPerMinute", "1000");
    }
}
