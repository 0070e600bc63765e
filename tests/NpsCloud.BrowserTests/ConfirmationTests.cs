using System.Drawing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// Destructive actions ask first (js/confirm.js and the layout's dialog), on a phone: Cancel keeps the
/// thing, the action's own button deletes it and the page says so.
/// </summary>
public sealed class ConfirmationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Deleting_a_department_asks_first_cancel_keeps_it_and_confirming_deletes_it_with_a_flash()
    {
        using var api = browser.Api(browser.SignUp("Marmara Kargo"));
        await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Doomed desk" });
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Open("/app/departments");
        browser.WaitFor(By.CssSelector("[data-testid='delete-department']")).Click();
        var dialog = browser.WaitFor(By.CssSelector("[data-testid='confirm-dialog']"));
        Assert.Contains("Doomed desk", dialog.Text);
        var ok = dialog.FindElement(By.CssSelector("[data-testid='confirm-ok']"));
        var cancel = dialog.FindElement(By.CssSelector("[data-testid='confirm-cancel']"));
        Assert.Equal("Delete", ok.Text.Trim());
        Assert.True(ok.Size.Height >= 44 && cancel.Size.Height >= 44, $"dialog buttons are {ok.Size.Height}/{cancel.Size.Height} px tall");
        Assert.True(dialog.Size.Width <= 390, $"the dialog is {dialog.Size.Width} px wide");

        cancel.Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='confirm-dialog']")).All(e => !e.Displayed), "the dialog to close");
        Assert.Contains("Doomed desk", browser.Browser.FindElement(By.CssSelector("[data-testid='departments']")).Text);
        Assert.Empty(browser.Browser.FindElements(By.CssSelector("[data-testid='flash']")));

        browser.Browser.FindElement(By.CssSelector("[data-testid='delete-department']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='confirm-ok']")).Click();
        var flash = browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        Assert.Equal("The department is deleted.", flash.Text.Trim());
        Assert.DoesNotContain("Doomed desk", browser.Browser.FindElement(By.TagName("main")).Text);
    }
}
