using System.Text.Json;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>The team's side of responses in the browser: the filtered list, a response's tags and notes, and an import with its progress bar.</summary>
public sealed class ResponsesAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_list_filters_by_category_and_a_response_gets_a_tag_and_a_note()
    {
        using var api = browser.Api(browser.SignUp("Kuzey Market"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Mağaza", kind = "transactional", locale = "tr" });
        await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = "happy@example.test", score = 10, comment = "Harika" });
        var unhappy = await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = "sad@example.test", score = 2, comment = "Kasada çok beklettiniz" });

        browser.Open("/app/responses");
        Assert.Equal(2, browser.WaitFor(By.CssSelector("[data-testid='responses']")).FindElements(By.CssSelector("tbody tr")).Count);
        browser.Browser.FindElement(By.CssSelector("#category option[value='detractor']")).Click();
        browser.Browser.FindElement(By.CssSelector("[data-testid='response-filters'] button[type='submit']")).Click();
        browser.WaitUntil(d => d.Url.Contains("category=detractor"), "the filtered list");
        var row = Assert.Single(browser.Browser.FindElements(By.CssSelector("[data-testid='responses'] tbody tr")));
        Assert.Contains("Kasada çok beklettiniz", row.Text);
        Assert.Contains("category=detractor", browser.Browser.FindElement(By.CssSelector("[data-testid='export']")).GetAttribute("href"));

        row.FindElement(By.CssSelector("a")).Click();
        browser.WaitFor(By.Id("NewTag")).SendKeys("Bekleme süresi");
        browser.Browser.FindElement(By.CssSelector("form[action*='handler=Tag'] button")).Click();
        browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='tags']")).Text.Contains("bekleme süresi"), "the tag");
        browser.Browser.FindElement(By.Id("NewNote")).SendKeys("Mağaza müdürü aradı.");
        browser.Browser.FindElement(By.CssSelector("form[action*='handler=Note'] button")).Click();
        browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='notes']")).Text.Contains("Mağaza müdürü aradı."), "the note");

        var read = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/responses/{unhappy}")).RootElement;
        Assert.Equal(["bekleme süresi"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Owner", read.GetProperty("notes")[0].GetProperty("author").GetString());
    }

    [Fact]
    public async Task A_file_imported_on_the_page_shows_its_progress_and_the_rejected_lines()
    {
        using var api = browser.Api(browser.SignUp("Güney Otomotiv"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Servis", kind = "transactional", locale = "tr" });
        var file = Path.Combine(Path.GetTempPath(), $"responses-{Guid.NewGuid():N}.csv");
        var rows = Enumerable.Range(0, 3000).Select(i => $"{survey},driver{i % 50}@example.test,{(i == 1234 ? "12" : (i % 11).ToString())},Servis {i}");
        await File.WriteAllTextAsync(file, "surveyId,email,score,comment\n" + string.Join('\n', rows));
        try
        {
            browser.Open("/app/responses/import");
            browser.WaitFor(By.Id("file")).SendKeys(file);
            browser.Browser.FindElement(By.CssSelector("#import-form button[type='submit']")).Click();

            var progress = browser.WaitFor(By.Id("import-progress"));
            Assert.NotNull(progress.FindElement(By.TagName("progress")));
            browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='import-result']")).Displayed, "the import result");
            var result = browser.Browser.FindElement(By.CssSelector("[data-testid='import-result']"));
            Assert.Contains("2999 imported, 1 rejected", result.Text);
            Assert.Equal("1236", result.FindElement(By.CssSelector("tbody td")).Text); // line 1236: row 1234 after the header
            Assert.Equal("100", browser.Browser.FindElement(By.Id("import-bar")).GetAttribute("value"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
