using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>An owner tries a survey on its page: a test to themselves, then the first wave now, each with its flash message.</summary>
public sealed class SurveySendingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_test_send_and_sending_now_each_confirm_themselves_and_the_counters_show_the_queued_wave_at_once()
    {
        var api = browser.Api(browser.SignUp("Kadıköy Mobilya"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "İlk anket", kind = "relationship", locale = "tr" });
        var added = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(
            api, $"/api/v1/surveys/{survey}/members", new { emails = new[] { "selin@example.test", "emre@example.test" } });
        Assert.True(added.IsSuccessStatusCode);
        browser.Open($"/app/surveys/{survey}");

        browser.WaitFor(By.CssSelector("[data-testid='send-test']")).Click();
        var flash = browser.WaitFor(By.CssSelector("[data-testid='flash'][role='status']"));
        Assert.Contains("@example.test", flash.Text);
        Assert.Equal("0", browser.Browser.FindElement(By.CssSelector("[data-testid='stat-queued']")).Text);

        browser.Browser.FindElement(By.CssSelector("[data-testid='send-now']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='send-now-confirm']")).Click();

        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Count == 1
            && d.FindElement(By.CssSelector("[data-testid='survey-status']")).Text != "Taslak", "the wave's flash message and the active survey");
        int Count(string name) => int.Parse(browser.Browser.FindElement(By.CssSelector($"[data-testid='stat-{name}']")).Text);
        Assert.Equal(2, Count("queued") + Count("sent") + Count("failed"));
        Assert.Equal(0, Count("answered"));
        Assert.NotEmpty(browser.Browser.FindElements(By.CssSelector("[data-testid='audience-link']")));
    }
}
