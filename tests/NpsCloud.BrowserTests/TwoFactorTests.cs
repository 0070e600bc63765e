using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>Two-step verification in a real browser: set it up from the page as a person with an authenticator app would, then log in with a code.</summary>
public sealed class TwoFactorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "a long and memorable passphrase";

    [Fact]
    public void An_owner_sets_up_two_step_verification_logs_out_and_logs_back_in_with_a_code_from_the_app()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        browser.Open("/signup");
        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys("Ege Tekstil");
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Zeynep Kılıç");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys(Password);
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='api-key']"));

        browser.Open("/app");
        browser.WaitFor(By.CssSelector("[data-testid='account-link']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='two-factor-link']")).Click();
        Assert.NotNull(browser.WaitFor(By.CssSelector(".qr-code svg")));
        var key = browser.WaitFor(By.CssSelector("[data-testid='authenticator-key']")).Text;
        browser.Browser.FindElement(By.Id("Form_Code")).SendKeys(Totp.Code(key, DateTimeOffset.UtcNow));
        browser.Browser.FindElement(By.CssSelector("form[action*='handler=Enable'] button[type='submit']")).Click();

        var codes = browser.WaitFor(By.CssSelector("[data-testid='recovery-codes']"));
        Assert.Equal(10, codes.FindElements(By.CssSelector("li code")).Count);

        browser.Browser.FindElement(By.CssSelector(".account button")).Click();
        browser.WaitUntil(d => d.Url.Contains("/login"), "the login page");
        browser.WaitFor(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys(Password);
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        browser.WaitUntil(d => d.Url.Contains("/login/code"), "the code step");
        // A code works once, and the one typed at set-up may still be on the app: the next step's code is
        // accepted too (clocks a little apart), so that is what this person types.
        browser.WaitFor(By.Id("Form_Code")).SendKeys(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        browser.WaitUntil(d => new Uri(d.Url).AbsolutePath == "/app", "the dashboard");
        Assert.Contains("Welcome, Zeynep Kılıç", browser.WaitFor(By.CssSelector("main h1")).Text);
    }
}
