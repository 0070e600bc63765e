using System.Drawing;
using System.Net;
using System.Text.RegularExpressions;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>The users page on a phone: a role changed and a person deactivated, each through its confirmation, with no sideways scrolling.</summary>
public sealed partial class UsersPageTests(MailBrowserFixture browser) : IClassFixture<MailBrowserFixture>
{
    [Fact]
    public async Task On_a_phone_an_owner_changes_a_role_and_deactivates_a_person_through_the_confirmation_without_scrolling_sideways()
    {
        using var api = browser.Api(browser.SignUp("Ege Lojistik"));
        var email = await JoinAsync(api, "Viewer");
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Open("/app/users");
        AssertNoSidewaysScroll("the users page");
        Person(email).FindElement(By.CssSelector("[data-testid='change']")).Click();
        var confirm = browser.WaitFor(By.CssSelector("[data-testid='confirm']"));
        AssertNoSidewaysScroll("the role confirmation");
        confirm.FindElement(By.CssSelector("[data-testid='edit-role'] option[value='Admin']")).Click();
        confirm.FindElement(By.CssSelector("[data-testid='confirm-button']")).Click();

        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text.Contains("is now Admin")), "the flash of the role change");
        Assert.Equal("Admin", Person(email).FindElement(By.CssSelector("[data-testid='role']")).Text);

        Person(email).FindElement(By.CssSelector("[data-testid='deactivate']")).Click();
        confirm = browser.WaitFor(By.CssSelector("[data-testid='confirm']"));
        Assert.Contains("They can no longer sign in", confirm.Text);
        Assert.Contains("no open follow-up cases", confirm.Text);
        AssertNoSidewaysScroll("the deactivation confirmation");
        var button = confirm.FindElement(By.CssSelector("[data-testid='confirm-button']"));
        Assert.True(button.Size.Height >= 44, $"The confirm button is {button.Size.Height}px tall.");
        button.Click();

        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text.Contains("is deactivated")), "the flash of the deactivation");
        Assert.NotEmpty(Person(email).FindElements(By.CssSelector("[data-testid='deactivated']")));
        Assert.NotEmpty(Person(email).FindElements(By.CssSelector("[data-testid='reactivate']")));
        AssertNoSidewaysScroll("the users page after the changes");
    }

    private IWebElement Person(string email) => browser.WaitFor(By.CssSelector($"[data-testid='person'][data-email='{email}']"));

    private void AssertNoSidewaysScroll(string where)
    {
        var script = (IJavaScriptExecutor)browser.Browser;
        var scroll = Convert.ToInt64(script.ExecuteScript("return document.documentElement.scrollWidth;"));
        var client = Convert.ToInt64(script.ExecuteScript("return document.documentElement.clientWidth;"));
        Assert.True(scroll <= client, $"{where} scrolls sideways: {scroll}px of content in {client}px.");
    }

    /// <summary>Invites a person through the API and accepts the emailed invitation in a client of its own (the browser stays the owner's).</summary>
    private async Task<string> JoinAsync(HttpClient api, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var invited = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/users/invitations", new { email, role });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var mail = await browser.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var link = new Uri(AcceptLink().Match(mail.TextBody!).Value);
        using var person = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = browser.BaseAddress };
        var page = await person.GetStringAsync(link.PathAndQuery);
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var accepted = await person.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Mert Demir", ["Form.Password"] = "a person's own passphrase", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return email;
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
