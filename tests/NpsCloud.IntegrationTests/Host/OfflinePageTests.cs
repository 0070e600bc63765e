using System.Net;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// The page the service worker keeps on a phone for when there is no network: it is stored, so it must hold
/// nothing about the reader or the company, signed in or not; and the policy must let the worker run.
/// </summary>
public sealed class OfflinePageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("en", "You are offline", "Try again")]
    [InlineData("tr", "Çevrimdışısınız", "Yeniden dene")]
    public async Task The_offline_page_speaks_the_readers_language(string language, string title, string tryAgain)
    {
        var browser = fixture.App.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var answer = await browser.GetAsync("/offline");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains(title, page);
        Assert.Contains(tryAgain, page);
        Assert.Contains($"lang=\"{language}\"", page);
    }

    [Fact]
    public async Task The_offline_page_of_a_signed_in_person_shows_neither_the_person_nor_the_company()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App, company: "Offline Kept Company");
        var browser = await PeopleApi.SignedInAsync(fixture.App, owner.Email, owner.Password);
        Assert.Contains("Offline Kept Company", await browser.GetStringAsync("/app"));

        var page = await browser.GetStringAsync("/offline");

        Assert.Contains("You are offline", page);
        Assert.DoesNotContain("Offline Kept Company", page);
        Assert.DoesNotContain(owner.Email, page);
        Assert.DoesNotContain("/logout", page);
    }

    [Fact]
    public async Task The_policy_lets_the_service_worker_and_the_manifest_load_from_the_site_only()
    {
        var answer = await fixture.App.CreateClient().GetAsync("/");

        var csp = string.Join(" ", answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("worker-src 'self';", csp);
        Assert.Contains("manifest-src 'self';", csp);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", page);
        Assert.Contains("/js/sw-register.js?v=", page);
    }
}
