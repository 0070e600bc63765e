using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The production cookies in a real browser: a __Host- session cookie that is always Secure still works on
/// http://127.0.0.1, because browsers treat loopback as a secure origin (a deployment serves HTTPS).
/// </summary>
public sealed class ProductionSessionTests(ProductionSessionTests.Fixture browser) : IClassFixture<ProductionSessionTests.Fixture>
{
    public sealed class Fixture : BrowserFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithEnvironment("Production");
    }

    [Fact]
    public void A_production_host_signs_a_person_up_out_and_back_in_with_secure_host_cookies()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        browser.Open("/signup");
        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys("Ege Lojistik");
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Deniz Kaya");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='api-key']"));

        var session = browser.Browser.Manage().Cookies.GetCookieNamed("__Host-nps.session");
        Assert.NotNull(session);
        Assert.True(session.Secure);
        Assert.True(session.IsHttpOnly);
        Assert.Null(browser.Browser.Manage().Cookies.GetCookieNamed("nps.session"));

        browser.Open("/app");
        Assert.Contains("Welcome, Deniz Kaya", browser.WaitFor(By.CssSelector("main h1")).Text);
        browser.Browser.FindElement(By.CssSelector(".account button")).Click();
        browser.WaitUntil(d => d.Url.Contains("/login"), "the login page");
        browser.WaitFor(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();

        browser.WaitUntil(d => d.Url.EndsWith("/app"), "the dashboard");
        Assert.Contains("Welcome, Deniz Kaya", browser.WaitFor(By.CssSelector("main h1")).Text);
    }
}
