using System.Net;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>The page after sign-up: signed in (in the header too), the first step first, the key once and skippable.</summary>
public sealed class SignUpWelcomeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("en", "You can skip this", "Create my first survey", "Copy key")]
    [InlineData("tr", "Bu adımı atlayabilirsiniz", "İlk anketimi oluştur", "Anahtarı kopyala")]
    public async Task Sign_up_leads_to_a_signed_in_welcome_that_offers_the_first_survey_and_shows_the_key_once(string locale, string skip, string next, string copy)
    {
        var browser = PeopleApi.Browser(fixture.App);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(locale);

        var signUp = await TenantApi.PostFormAsync(browser, "/signup", new Dictionary<string, string>
        {
            ["Form.CompanyName"] = "Marmara Mobilya", ["Form.Name"] = "Selin Aydın", ["Form.Email"] = $"selin-{Guid.NewGuid():N}@example.test",
            ["Form.Password"] = "a long and memorable passphrase", ["Form.Locale"] = locale,
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var welcome = WebUtility.HtmlDecode(await browser.GetStringAsync(signUp.Headers.Location!.OriginalString));

        Assert.Contains("data-testid=\"account-link\"", welcome);
        Assert.DoesNotContain("href=\"/signup\"", welcome);
        Assert.Matches("data-testid=\"api-key\"[^>]*>nps_live_", welcome);
        Assert.Contains("data-testid=\"copy-key\"", welcome);
        Assert.Contains("src=\"/js/copy-key.js", welcome);
        Assert.Contains(skip, welcome);
        Assert.Contains(copy, welcome);
        // The first step comes before the key.
        Assert.True(welcome.IndexOf(next, StringComparison.Ordinal) < welcome.IndexOf("data-testid=\"api-key\"", StringComparison.Ordinal));

        var again = await browser.GetStringAsync("/signup/welcome");
        Assert.DoesNotContain("nps_live_", again);
    }
}
