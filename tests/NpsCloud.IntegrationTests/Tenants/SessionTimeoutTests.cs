using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>Sessions end after 2 idle hours, and after 12 hours however active (on the host's clock).</summary>
public sealed class SessionTimeoutTests(SessionTimeoutTests.Fixture fixture) : IClassFixture<SessionTimeoutTests.Fixture>
{
    private async Task<HttpClient> SignedInAsync()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode);
        return browser;
    }

    [Fact]
    public async Task Two_idle_hours_end_the_session()
    {
        var browser = await SignedInAsync();

        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode);
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(121));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task Twelve_hours_end_even_an_active_session()
    {
        var browser = await SignedInAsync();

        for (var hour = 1; hour <= 11; hour++)
        {
            fixture.App.Clock!.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode);
        }

        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/app")).StatusCode);
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithFakeClock(DateTimeOffset.UtcNow);
    }
}
