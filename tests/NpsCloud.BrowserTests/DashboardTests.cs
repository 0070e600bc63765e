using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>The NPS dashboard in the browser: the score with its interval, the SVG charts and the departments, in both languages' number formats.</summary>
public sealed class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_dashboard_shows_the_score_its_interval_the_charts_and_the_departments()
    {
        using var api = browser.Api(browser.SignUp("Marmara Enerji"));
        var department = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Saha Ekibi" });
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Servis", kind = "transactional", locale = "tr", departmentId = department });
        // 32 promoters, 13 passives, 6 detractors over the last weeks: NPS 51.0.
        var scores = Enumerable.Repeat(10, 32).Concat(Enumerable.Repeat(8, 13)).Concat(Enumerable.Repeat(3, 6)).ToList();
        for (var i = 0; i < scores.Count; i++)
        {
            await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = $"c{i}@example.test", score = scores[i], createdAt = DateTimeOffset.UtcNow.AddDays(-i) });
        }

        // The rollups follow the answers through the outbox.
        browser.Open("/dashboard");
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElement(By.CssSelector("[data-testid='nps'] .stat-value")).Text == "51.0";
        }, "the dashboard to count every answer");

        Assert.Contains("29–67", browser.Browser.FindElement(By.CssSelector("[data-testid='nps']")).Text);
        Assert.NotEmpty(browser.Browser.FindElements(By.CssSelector("[data-testid='trend'] polygon.band")));
        Assert.Equal(11, browser.Browser.FindElements(By.CssSelector("[data-testid='distribution'] rect.bar")).Count);
        var row = Assert.Single(browser.Browser.FindElements(By.CssSelector("[data-testid='departments'] tbody tr")));
        Assert.Contains("Saha Ekibi", row.Text);
        Assert.Contains("51", row.Text);

        // In Turkish, decimals take a comma.
        browser.Browser.FindElement(By.CssSelector("button[data-culture='tr']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "tr", "the page to turn Turkish");
        Assert.Equal("51,0", browser.WaitFor(By.CssSelector("[data-testid='nps'] .stat-value")).Text);
        browser.Browser.FindElement(By.CssSelector("button[data-culture='en']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "en", "the page to turn English again");
    }
}
