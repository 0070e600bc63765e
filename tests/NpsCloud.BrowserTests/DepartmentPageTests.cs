using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>The department page in the browser: a goal set through its form, its status, and the trend against the target.</summary>
public sealed class DepartmentPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_owner_sets_a_goal_on_the_department_page_and_sees_its_status_and_the_trend_against_the_target()
    {
        using var api = browser.Api(browser.SignUp("Ege Lojistik"));
        var department = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Teslimat" });
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Teslimat sonrası", kind = "transactional", locale = "tr", departmentId = department });
        // 36 promoters and 4 detractors over the last days: NPS 80, interval 55–94.
        for (var i = 0; i < 40; i++)
        {
            await BrowserFixture.CreateAsync(api, "/api/v1/responses", new
            {
                surveyId = survey, email = $"d{i}@example.test", score = i < 36 ? 9 : 2, createdAt = DateTimeOffset.UtcNow.AddDays(-(i % 5)), departmentId = department,
                comment = i < 36 ? null : "Kargo çok geç geldi.",
            });
        }

        browser.Open("/departments");
        browser.WaitFor(By.LinkText("Teslimat")).Click();
        var today = DateTime.UtcNow.Date;
        var form = browser.WaitFor(By.CssSelector("[data-testid='goal-form']"));
        form.FindElement(By.Name("Form.TargetNps")).SendKeys("30");
        SetDate(form.FindElement(By.Name("Form.PeriodStart")), today.AddDays(-10));
        SetDate(form.FindElement(By.Name("Form.PeriodEnd")), today.AddDays(20));
        form.FindElement(By.CssSelector("button[type='submit']")).Click();

        // The rollups follow the answers through the outbox: the status turns from "not enough answers" to on track.
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElements(By.CssSelector("[data-testid='goals'] [data-testid='status']")).FirstOrDefault()?.Text == "On track";
        }, "the goal to be on track");
        Assert.NotEmpty(browser.Browser.FindElements(By.CssSelector("[data-testid='department-trend'] polygon.band")));
        Assert.Single(browser.Browser.FindElements(By.CssSelector("[data-testid='department-trend'] [data-testid='target-line']")));
        Assert.Contains("Kargo çok geç geldi.", browser.Browser.FindElement(By.CssSelector("[data-testid='comments']")).Text);
        Assert.Contains("4 open", browser.Browser.FindElement(By.CssSelector("[data-testid='follow-ups']")).Text);
        Assert.Contains("4 cases opened", browser.Browser.FindElement(By.CssSelector("[data-testid='loop-closing']")).Text);

        // A goal over the same days is refused with the reason on the page.
        form = browser.WaitFor(By.CssSelector("[data-testid='goal-form']"));
        form.FindElement(By.Name("Form.TargetNps")).Clear();
        form.FindElement(By.Name("Form.TargetNps")).SendKeys("40");
        SetDate(form.FindElement(By.Name("Form.PeriodStart")), today);
        SetDate(form.FindElement(By.Name("Form.PeriodEnd")), today.AddDays(5));
        form.FindElement(By.CssSelector("button[type='submit']")).Click();
        browser.WaitUntil(d => d.PageSource.Contains("does not overlap"), "the overlap to be explained");
    }

    /// <summary>Date inputs take typed digits in the browser's locale order; setting the value is locale-proof.</summary>
    private void SetDate(IWebElement input, DateTime day) =>
        ((IJavaScriptExecutor)browser.Browser).ExecuteScript("arguments[0].value = arguments[1];", input, day.ToString("yyyy-MM-dd"));
}
