using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>An owner sets up a relationship survey in the browser, with the email previewed in both languages.</summary>
public sealed class SurveyEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public void A_survey_is_created_with_a_live_preview_in_both_languages_then_given_members_and_activated()
    {
        browser.SignUp("Boğaziçi Lojistik");
        browser.Open("/app/surveys");
        browser.WaitFor(By.CssSelector("[data-testid='new-survey']")).Click();

        browser.WaitFor(By.Id("Form_Name")).SendKeys("Quarterly NPS");
        // A new survey starts in the page's language (English here); this one is for Turkish customers.
        browser.Browser.FindElement(By.CssSelector("#Form_Locale option[value='tr']")).Click();
        var question = browser.Browser.FindElement(By.Id("Form_Question"));
        question.SendKeys("{company} hizmetini tavsiye eder misiniz?");
        browser.Browser.FindElement(By.CssSelector("#Form_Cadence option[value='quarterly']")).Click();
        ((IJavaScriptExecutor)browser.Browser).ExecuteScript(
            "document.getElementById('Form_FirstWaveAt').value = arguments[0];", DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm"));

        // The Turkish frame shows the custom question live; the English one keeps the standard question.
        browser.WaitUntil(d => FrameText(d, "tr").Contains("Boğaziçi Lojistik hizmetini tavsiye eder misiniz?"), "the Turkish preview to follow the typing");
        browser.WaitUntil(d => FrameText(d, "en").Contains("How likely are you to recommend Boğaziçi Lojistik"), "the English preview to keep the standard question");

        browser.Browser.FindElement(By.CssSelector("#survey-form button[type='submit']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='survey-status']")).Count > 0, "the survey page");
        Assert.Equal("Draft", browser.Browser.FindElement(By.CssSelector("[data-testid='survey-status']")).Text);

        browser.WaitFor(By.Id("emails")).SendKeys("ayse@example.test, mehmet@example.test");
        browser.Browser.FindElement(By.CssSelector("form[action*='AddMembers'] button")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='members'] tbody tr")).Count == 2, "two members");

        browser.Browser.FindElement(By.CssSelector("button[data-action='activate']")).Click();
        browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='survey-status']")).Text == "Active", "the survey to be active");
        Assert.All(browser.Browser.FindElements(By.CssSelector("[data-testid='members'] tbody tr td:last-child")), cell => Assert.NotEqual("—", cell.Text));
    }

    [Fact]
    public void A_contact_import_reports_the_rows_it_refused()
    {
        browser.SignUp("Ege Tekstil");
        var file = Path.Combine(Path.GetTempPath(), $"contacts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "email,name\nzeynep@example.test,Zeynep\nbroken-address,Bozuk\n");
        try
        {
            browser.Open("/app/contacts");
            browser.WaitFor(By.Id("file")).SendKeys(file);
            browser.Browser.FindElement(By.CssSelector("form[action*='Import'] button")).Click();

            var report = browser.WaitFor(By.CssSelector("[data-testid='import-result']"));
            Assert.Contains("1 added, 0 updated, 1 rejected", report.Text);
            Assert.Contains("3", report.FindElement(By.CssSelector("tbody td")).Text);
            Assert.Contains("zeynep@example.test", browser.Browser.FindElement(By.CssSelector("[data-testid='contacts']")).Text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FrameText(IWebDriver driver, string locale)
    {
        try
        {
            driver.SwitchTo().Frame(driver.FindElement(By.CssSelector($"iframe[data-locale='{locale}']")));
            return driver.FindElement(By.TagName("body")).Text;
        }
        catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException or NoSuchFrameException)
        {
            return ""; // the frame is reloading with the latest typing; the wait asks again
        }
        finally
        {
            driver.SwitchTo().DefaultContent();
        }
    }
}
