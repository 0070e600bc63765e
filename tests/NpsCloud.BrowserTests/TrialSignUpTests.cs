using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>A company's first minutes, in a real browser: sign up, keep the key, add a department, log out and in.</summary>
public sealed class TrialSignUpTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public void A_company_signs_up_sees_its_key_once_adds_a_department_and_logs_back_in()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        browser.Open("/");
        browser.WaitFor(By.CssSelector("[data-testid='start-trial']")).Click();

        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys("Marmara Kargo");
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Selin Aydın");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        var key = browser.WaitFor(By.CssSelector("[data-testid='api-key']")).Text;
        Assert.StartsWith("nps_live_", key);
        // The welcome is a request of its own: the header already shows the signed-in owner, not "Log in".
        Assert.True(browser.Browser.FindElement(By.CssSelector("[data-testid='account-link']")).Displayed);
        Assert.Empty(browser.Browser.FindElements(By.CssSelector(".account a[href='/login']")));
        Assert.Single(browser.Browser.FindElements(By.CssSelector("[data-testid='copy-key']")));
        Assert.Equal("/app/surveys/edit", new Uri(browser.Browser.FindElement(By.CssSelector("[data-testid='next-step-link']")).GetAttribute("href")!).AbsolutePath);

        browser.Browser.FindElement(By.LinkText("Go to my dashboard")).Click();
        Assert.Equal("Trial: 14 days left", browser.WaitFor(By.CssSelector("[data-testid='trial-badge']")).Text);
        Assert.Contains("Welcome, Selin Aydın", browser.Browser.FindElement(By.CssSelector("main h1")).Text);

        // Departments are set up under the Settings menu of the top bar.
        browser.Browser.FindElement(By.CssSelector("nav.app-nav details summary")).Click();
        browser.WaitFor(By.LinkText("Manage departments")).Click();
        browser.WaitFor(By.Id("Form_Name")).SendKeys("Kurye Operasyonu");
        browser.Browser.FindElement(By.CssSelector("form.form-inline button[type='submit']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='departments'] td")).Any(td => td.Text == "Kurye Operasyonu"), "the new department");

        browser.Browser.FindElement(By.CssSelector(".account button")).Click();
        browser.WaitUntil(d => d.Url.Contains("/login"), "the login page");
        browser.WaitFor(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        browser.WaitUntil(d => d.Url.EndsWith("/app"), "the dashboard");
        Assert.Equal("1", browser.WaitFor(By.CssSelector("[data-testid='department-count']")).Text);
    }

    [Fact]
    public void Sign_up_errors_appear_next_to_their_fields()
    {
        browser.Open("/signup");
        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys("Kısa Parola Ltd");
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Ali");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys("not-an-address");
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("short");
        // The browser's own checks would stop the form first; the server's answer is what is under test.
        ((IJavaScriptExecutor)browser.Browser).ExecuteScript("document.querySelector('form.form').noValidate = true;" +
            "document.querySelectorAll('input').forEach(i => { i.removeAttribute('minlength'); i.type = i.type === 'email' ? 'text' : i.type; });");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        Assert.Contains("valid email", browser.WaitFor(By.CssSelector("[data-valmsg-for='Form.Email']")).Text);
        Assert.Contains("10 to 128", browser.Browser.FindElement(By.CssSelector("[data-valmsg-for='Form.Password']")).Text);
        Assert.Equal("Kısa Parola Ltd", browser.Browser.FindElement(By.Id("Form_CompanyName")).GetAttribute("value"));
    }
}
