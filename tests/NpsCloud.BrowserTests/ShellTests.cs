using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

public sealed class ShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public void The_home_page_shows_the_shell_with_its_navigation_and_stylesheet()
    {
        browser.Open("/");

        var heading = browser.WaitFor(By.CssSelector("main h1"));
        Assert.Contains("Know how likely your customers are to recommend you", heading.Text);
        Assert.Equal(["Home", "API"], browser.Browser.FindElements(By.CssSelector("nav.nav a")).Select(a => a.Text));
        // The stylesheet is served and applied: the top bar is white, the scale shows eleven coloured cells.
        Assert.Equal("rgba(255, 255, 255, 1)", browser.Browser.FindElement(By.CssSelector(".topbar")).GetCssValue("background-color"));
        Assert.Equal(11, browser.Browser.FindElements(By.CssSelector(".scale-cell")).Count);
        Assert.Equal("rgba(229, 72, 77, 1)", browser.Browser.FindElement(By.CssSelector(".scale-cell.detractor")).GetCssValue("background-color"));
    }

    [Fact]
    public void Switching_to_turkish_translates_the_pages_and_is_remembered_until_switched_back()
    {
        browser.Open("/");
        browser.WaitFor(By.CssSelector("button[data-culture='tr']")).Click();

        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "tr", "the page to turn Turkish");
        Assert.Contains("Müşterilerinizin sizi önerme olasılığını", browser.Browser.FindElement(By.CssSelector("main h1")).Text);
        Assert.Equal("true", browser.Browser.FindElement(By.CssSelector("button[data-culture='tr']")).GetAttribute("aria-pressed"));

        // Another page, no new choice: the cookie keeps Turkish although the browser asks for English.
        browser.Open("/page-that-does-not-exist");
        Assert.Contains("Bu sayfayı bulamadık", browser.WaitFor(By.CssSelector("main h1")).Text);

        browser.WaitFor(By.CssSelector("button[data-culture='en']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "en", "the page to turn English");
        Assert.Contains("We could not find that page", browser.Browser.FindElement(By.CssSelector("main h1")).Text);
    }

    [Fact]
    public void The_language_switch_is_a_form_protected_by_an_antiforgery_token()
    {
        browser.Open("/");

        var form = browser.WaitFor(By.CssSelector("form.lang-switch"));
        Assert.Equal("post", form.GetAttribute("method"));
        var token = form.FindElement(By.CssSelector("input[name='__RequestVerificationToken']"));
        Assert.False(string.IsNullOrEmpty(token.GetAttribute("value")));
    }
}

public sealed class TurkishBrowserTests(TurkishBrowserTests.TurkishBrowser browser) : IClassFixture<TurkishBrowserTests.TurkishBrowser>
{
    [Fact]
    public void A_browser_that_asks_for_turkish_gets_turkish_without_choosing()
    {
        browser.Open("/");

        Assert.Contains("Müşterilerinizin sizi önerme olasılığını", browser.WaitFor(By.CssSelector("main h1")).Text);
        Assert.Equal("tr", browser.Browser.FindElement(By.TagName("html")).GetAttribute("lang"));
    }

    public sealed class TurkishBrowser : BrowserFixture
    {
        protected override string BrowserLanguage => "tr-TR,tr";
    }
}
